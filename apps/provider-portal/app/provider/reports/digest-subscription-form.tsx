"use client";

import type { DigestSend } from "@pp/core/reports/digest-schedule";
import { describeSendTime, WEEKDAY_NAMES } from "@pp/core/reports/digest-schedule";
import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Input, Select } from "@pp/ui/field";
import { type FormEvent, useEffect, useState } from "react";

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

type Initial = {
  cadence: "weekly" | "monthly";
  weekday: number;
  dayOfMonth: number;
  sendHour: number;
  /** Null before subscribing: the browser's own zone is filled in. */
  timeZone: string | null;
};

type Saved = { subscription: { timeZone: string }; next: { sendAt: string } & Omit<DigestSend, "sendAt"> };

/** Subscribe to the digest or change its schedule; send one now; unsubscribe. */
export function DigestSubscriptionForm({
  subscribed,
  email,
  initial,
  zones,
}: {
  subscribed: boolean;
  email: string;
  initial: Initial;
  zones: readonly string[];
}) {
  const [cadence, setCadence] = useState(initial.cadence);
  const [timeZone, setTimeZone] = useState(initial.timeZone ?? "");
  // Before subscribing, the browser's own zone (known only in the browser, so after hydration).
  useEffect(() => {
    setTimeZone((current) => current || Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, []);
  const save = useApiForm<Saved>({
    url: "/api/provider/reports/subscription",
    method: "PUT",
    refresh: true,
    success: (result) =>
      `${subscribed ? "Schedule saved" : "Subscribed"} — next digest ${describeSendTime(new Date(result.next.sendAt), result.subscription.timeZone)}`,
  });
  const sendNow = useApiForm<{ to: string }>({
    url: "/api/provider/reports/send-now",
    idempotent: true,
    success: (result) => `Digest sent to ${result.to}`,
  });
  const cancel = useApiForm({
    url: "/api/provider/reports/subscription",
    method: "DELETE",
    refresh: true,
    success: "Unsubscribed — no more digests",
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => (form.get(name) === null ? undefined : Number(form.get(name)));
    void save.submit({
      cadence,
      weekday: cadence === "weekly" ? number("weekday") : undefined,
      dayOfMonth: cadence === "monthly" ? number("dayOfMonth") : undefined,
      sendHour: number("sendHour"),
      timeZone: form.get("timeZone"),
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid grid-cols-2 gap-3" aria-label="Digest schedule">
        <Field label="Cadence" htmlFor="digest-cadence" error={save.errors.cadence}>
          <Select
            name="cadence"
            value={cadence}
            onChange={(event) => setCadence(event.currentTarget.value === "monthly" ? "monthly" : "weekly")}
          >
            <option value="weekly">Weekly</option>
            <option value="monthly">Monthly</option>
          </Select>
        </Field>
        {cadence === "weekly" ? (
          <Field label="Day" htmlFor="digest-weekday" error={save.errors.weekday}>
            <Select name="weekday" defaultValue={String(initial.weekday)}>
              {WEEKDAY_NAMES.map((name, index) => (
                <option key={name} value={index}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <Field
            label="Day of the month"
            htmlFor="digest-day"
            hint="29–31: the last day in shorter months"
            error={save.errors.dayOfMonth}
          >
            <Input name="dayOfMonth" type="number" min={1} max={31} defaultValue={initial.dayOfMonth} />
          </Field>
        )}
        <Field label="Send at (local time)" htmlFor="digest-hour" error={save.errors.sendHour}>
          <Select name="sendHour" defaultValue={String(initial.sendHour)}>
            {HOURS.map((hour) => (
              <option key={hour} value={hour}>
                {`${String(hour).padStart(2, "0")}:00`}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Time zone"
          htmlFor="digest-zone"
          hint="IANA name, e.g. America/Chicago"
          error={save.errors.timeZone}
          className="col-span-2"
        >
          <Input
            name="timeZone"
            list="digest-zones"
            value={timeZone}
            onChange={(event) => setTimeZone(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <datalist id="digest-zones">
          {zones.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <div className="col-span-2 flex flex-wrap gap-2">
          <Button type="submit" pending={save.pending}>
            {subscribed ? "Save schedule" : "Subscribe"}
          </Button>
        </div>
      </form>
      {subscribed ? (
        <div className="flex flex-wrap gap-2 border-t border-line pt-4">
          <Button variant="secondary" pending={sendNow.pending} onClick={() => void sendNow.submit()}>
            Send me one now
          </Button>
          <Button variant="secondary" pending={cancel.pending} onClick={() => void cancel.submit()}>
            Unsubscribe
          </Button>
          <p className="w-full text-xs text-slate-500">Digests go to {email}.</p>
        </div>
      ) : null}
    </div>
  );
}
