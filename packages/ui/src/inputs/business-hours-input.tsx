import { Input } from "../field";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type OpeningHours = { open: string; close: string };
export type BusinessHours = Record<Weekday, OpeningHours | null>;

const NAMES: Record<Weekday, [string, string]> = {
  monday: ["Monday", "Mon"],
  tuesday: ["Tuesday", "Tue"],
  wednesday: ["Wednesday", "Wed"],
  thursday: ["Thursday", "Thu"],
  friday: ["Friday", "Fri"],
  saturday: ["Saturday", "Sat"],
  sunday: ["Sunday", "Sun"],
};
const DEFAULT_HOURS: OpeningHours = { open: "08:00", close: "17:00" };

/** Stored hours may use short keys ("mon") or miss days; missing days read as closed. */
export function toBusinessHours(value: unknown): BusinessHours {
  const stored = (value && typeof value === "object" ? value : {}) as Record<string, OpeningHours | null | undefined>;
  return Object.fromEntries(
    WEEKDAYS.map((day) => [day, stored[day] ?? stored[day.slice(0, 3)] ?? null]),
  ) as BusinessHours;
}

/**
 * Business hours, one compact row a day (open/closed, opens, closes) — the input of tenant Settings
 * and of onboarding's Company details. `errors` is keyed "monday.close" etc.
 */
export function BusinessHoursInput({
  id,
  value,
  onChange,
  errors = {},
  disabled,
}: {
  id: string;
  value: BusinessHours;
  onChange: (hours: BusinessHours) => void;
  errors?: Record<string, string | undefined>;
  disabled?: boolean;
}) {
  const set = (day: Weekday, hours: OpeningHours | null) => onChange({ ...value, [day]: hours });
  return (
    <div className="grid grid-cols-[3.5rem_1fr] items-center gap-x-2 gap-y-2 sm:grid-cols-[7.5rem_1fr] sm:gap-x-3">
      {WEEKDAYS.map((day) => {
        const hours = value[day];
        const [name, short] = NAMES[day];
        const openError = errors[`${day}.open`];
        const closeError = errors[`${day}.close`];
        return (
          <div key={day} className="contents">
            <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input
                id={`${id}-${day}`}
                type="checkbox"
                className="size-4 shrink-0 rounded border-slate-300 accent-brand-600"
                checked={hours !== null}
                disabled={disabled}
                onChange={(event) => set(day, event.target.checked ? DEFAULT_HOURS : null)}
              />
              <span className="sm:hidden">{short}</span>
              <span className="hidden sm:inline">{name}</span>
            </label>
            <div className="flex min-h-9 flex-wrap items-center gap-x-1 gap-y-1 sm:gap-x-1.5">
              {hours ? (
                <>
                  {/* The wrapper sets the width: the control itself is full-width by design. */}
                  <span className="w-28 shrink-0 sm:w-32">
                    <Input
                      type="time"
                      aria-label={`${name} opens`}
                      className="px-1.5 max-sm:[&::-webkit-calendar-picker-indicator]:hidden"
                      value={hours.open}
                      disabled={disabled}
                      onChange={(event) => set(day, { ...hours, open: event.target.value })}
                      aria-invalid={openError ? true : undefined}
                    />
                  </span>
                  <span className="text-sm text-slate-600">
                    <span aria-hidden className="sm:hidden">
                      –
                    </span>
                    <span className="hidden sm:inline">to</span>
                  </span>
                  <span className="w-28 shrink-0 sm:w-32">
                    <Input
                      type="time"
                      aria-label={`${name} closes`}
                      className="px-1.5 max-sm:[&::-webkit-calendar-picker-indicator]:hidden"
                      value={hours.close}
                      disabled={disabled}
                      onChange={(event) => set(day, { ...hours, close: event.target.value })}
                      aria-invalid={closeError ? true : undefined}
                    />
                  </span>
                </>
              ) : (
                <span className="text-sm text-slate-600">Closed</span>
              )}
              {openError || closeError ? (
                <p role="alert" className="basis-full text-xs text-danger-700">
                  {closeError ? `Closing time ${closeError}` : `Opening time ${openError}`}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}
