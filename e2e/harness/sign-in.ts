import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Signs in through the real form and waits for the landing page. */
export async function signIn(page: Page, baseUrl: string, login: { email: string; password: string }, landing: RegExp) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(landing, { timeout: 20_000 });
  expect(page.url()).toMatch(landing);
}
