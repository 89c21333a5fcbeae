import clsx from "clsx";
import {
  Children,
  cloneElement,
  type InputHTMLAttributes,
  isValidElement,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 " +
  "placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 focus:outline-none " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 " +
  "aria-invalid:ring-danger-600 aria-invalid:focus:ring-danger-600";

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={clsx(CONTROL, "h-9", className)} {...props} />;
}

export function Select({ className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={clsx(CONTROL, "h-9 pr-8", className)} {...props}>
      {children}
    </select>
  );
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={clsx(CONTROL, "min-h-20 py-2", className)} {...props} />;
}

export type FieldProps = {
  label: ReactNode;
  /** The id of the control inside, so the label and error point at it. */
  htmlFor: string;
  /** Shown under the control in red; the control gets `aria-invalid` and `aria-describedby` for it. */
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
};

/** The controls Field wires itself; anything else (a wrapper div, a custom widget) wires its own ids. */
const CONTROLS = new Set<unknown>([Input, Select, Textarea, "input", "select", "textarea"]);

type ControlProps = { id?: string; "aria-invalid"?: unknown; "aria-describedby"?: string };

/**
 * Label + control + hint or error: every form field looks and announces itself the same way.
 * A single control child (Input, Select, Textarea or a plain input/select/textarea) gets its
 * `id`, `aria-invalid` and `aria-describedby` from here.
 */
export function Field({ label, htmlFor, error, hint, className, children }: FieldProps) {
  const errorId = `${htmlFor}-error`;
  const hintId = `${htmlFor}-hint`;
  const describedBy = error ? errorId : hint ? hintId : undefined;
  const only =
    Children.count(children) === 1 && isValidElement(children) && CONTROLS.has(children.type)
      ? (children as ReactElement<ControlProps>)
      : null;
  const control = only
    ? cloneElement(only, {
        id: only.props.id ?? htmlFor,
        "aria-invalid": error ? true : only.props["aria-invalid"],
        "aria-describedby": joinIds(only.props["aria-describedby"], describedBy),
      })
    : children;
  return (
    <div className={clsx("flex flex-col gap-1.5", className)}>
      <label htmlFor={htmlFor} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      {control}
      {error ? (
        <p id={errorId} role="alert" className="text-xs text-danger-700">
          {error}
        </p>
      ) : hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** "a b" + "b" → "a b": callers that still pass their own describedby do not get it twice. */
function joinIds(...lists: (string | undefined)[]): string | undefined {
  const ids = new Set(lists.flatMap((list) => list?.split(/\s+/).filter(Boolean) ?? []));
  return ids.size > 0 ? [...ids].join(" ") : undefined;
}
