import type { Locator, Page } from "playwright-core";

/** Types `typed` (a name or slug) into a client picker and clicks the option that reads `optionText`. */
export async function pickClient(page: Page, input: Locator, typed: string, optionText = typed): Promise<void> {
  await input.click();
  await input.fill(typed);
  const option = page.getByRole("listbox", { name: "Clients" }).getByRole("option").filter({ hasText: optionText });
  await option.first().click();
}
