"use client";

import { useApiForm } from "../api-form";
import { Field } from "../field";
import type { LogoLimits } from "./checklist-types";

type Logo = { sha256: string; contentType: string; byteSize: number };

/** "image/png", "image/jpeg", "image/webp" → "a PNG, JPEG or WebP image". */
function typeNames(types: readonly string[]): string {
  const names = types.map((type) =>
    (type.split("/")[1] ?? type).replace("jpeg", "JPEG").replace("png", "PNG").replace("webp", "WebP"),
  );
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "an image");
  return `a ${list} image`;
}

/** The Branding step's logo: the current one, and (when editable) a file picker that uploads at once. */
export function LogoUpload({
  url,
  logo,
  limits,
  editable,
  onUploaded,
}: {
  url: string;
  limits: LogoLimits;
  logo: Logo | null;
  editable: boolean;
  onUploaded: (logo: Logo) => void;
}) {
  const form = useApiForm<Logo>({ url, inlineError: true, success: "Logo uploaded", onSuccess: onUploaded });
  const maxKb = Math.floor(limits.maxBytes / 1024);
  const kinds = typeNames(limits.contentTypes);
  // The server's per-field message reads "is empty"; a failure without one comes whole.
  const error = form.error ?? (form.errors.logo ? `The logo ${form.errors.logo}` : undefined);

  function upload(file: File) {
    form.reset();
    // The server checks the bytes; these two checks only save a pointless upload.
    if (file.size > limits.maxBytes)
      return form.setErrors({ logo: `is larger than ${maxKb} KB (${Math.ceil(file.size / 1024)} KB)` });
    if (!limits.contentTypes.includes(file.type)) return form.setErrors({ logo: `must be ${kinds}` });
    void form.submit(file);
  }

  return (
    <div className="mt-4 flex flex-wrap items-center gap-4" data-testid="logo-upload">
      <div className="flex h-16 w-40 items-center justify-center rounded-md bg-slate-50 ring-1 ring-slate-200">
        {logo ? (
          // biome-ignore lint/performance/noImgElement: a same-origin API image, already sized and cached by hash
          <img
            src={`${url}?v=${logo.sha256.slice(0, 16)}`}
            alt="Current logo"
            className="max-h-14 max-w-36 object-contain"
          />
        ) : (
          <span className="text-xs text-slate-500">No logo yet</span>
        )}
      </div>
      {editable ? (
        <Field
          label={logo ? "Replace logo" : "Logo"}
          htmlFor="branding-logo"
          error={error}
          hint={`${kinds}, up to ${maxKb} KB; shown in the app header`}
        >
          <input
            id="branding-logo"
            type="file"
            accept={limits.contentTypes.join(",")}
            disabled={form.pending}
            className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) upload(file);
            }}
          />
        </Field>
      ) : null}
    </div>
  );
}
