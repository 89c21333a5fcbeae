import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field, Input } from "./field";

describe("Field", () => {
  it("points the control at its error and marks it invalid", () => {
    const html = renderToStaticMarkup(
      <Field label="Email" htmlFor="invite-email" error="Enter an email address">
        <Input />
      </Field>,
    );
    expect(html).toContain('<label for="invite-email"');
    expect(html).toMatch(/<input[^>]*id="invite-email"[^>]*>/);
    expect(html).toMatch(/<input[^>]*aria-invalid="true"[^>]*>/);
    expect(html).toMatch(/<input[^>]*aria-describedby="invite-email-error"[^>]*>/);
    expect(html).toContain('<p id="invite-email-error" role="alert"');
  });

  it("describes a valid control by its hint, and keeps a caller's own describedby once", () => {
    const html = renderToStaticMarkup(
      <Field label="Name" htmlFor="name" hint="As on the invoice">
        <Input aria-describedby="name-hint extra" />
      </Field>,
    );
    expect(html).toMatch(/<input[^>]*aria-describedby="name-hint extra"[^>]*>/);
    expect(html).not.toMatch(/aria-invalid="/);
  });

  it("leaves a wrapper element alone (the caller wires the control inside)", () => {
    const html = renderToStaticMarkup(
      <Field label="Search" htmlFor="q" error="Too long">
        <div className="relative">
          <Input id="q" />
        </div>
      </Field>,
    );
    expect(html).toContain('<div class="relative"><input');
    expect(html.match(/id="q"/g)).toHaveLength(1);
  });
});
