import { describe, expect, it } from "vitest";
import { describeBusinessHours } from "../settings/describe-business-hours";
import { parseTimeZone } from "../settings/time-zones";
import { ZZipCodes } from "../settings/zip-codes";
import { parseTeamLine } from "./team-lines";
import { parseUsState } from "./us-states";

describe("what people type", () => {
  it("time zones by name, abbreviation, picker label or IANA id", () => {
    expect(parseTimeZone("Mountain Time (Arizona)")).toBe("America/Phoenix");
    expect(parseTimeZone("Arizona")).toBe("America/Phoenix");
    expect(parseTimeZone("Central (Chicago)")).toBe("America/Chicago");
    expect(parseTimeZone("Central Standard Time")).toBe("America/Chicago");
    expect(parseTimeZone("PST")).toBe("America/Los_Angeles");
    expect(parseTimeZone("america/denver")).toBe("America/Denver");
    expect(parseTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(parseTimeZone("Mars Standard")).toBe("Mars Standard");
  });

  it("ZIP codes separated by commas, semicolons, spaces or lines, ZIP+4 included", () => {
    expect(ZZipCodes.parse("78701, 78702-1234;78703\n78701 787041234")).toEqual(["78701", "78702", "78703", "78704"]);
    const bad = ZZipCodes.safeParse("78701, 7870");
    expect(bad.error?.issues[0]?.path).toEqual([1]);
  });

  it("team lines in the forms people write them", () => {
    expect(parseTeamLine("Dina Diaz <dina@acme.test> - Dispatcher")).toEqual({
      name: "Dina Diaz",
      email: "dina@acme.test",
      role: "dispatcher",
    });
    expect(parseTeamLine("sam@acme.test dispatcher")).toEqual({ email: "sam@acme.test", role: "dispatcher" });
    expect(parseTeamLine("sam@acme.test, Technician")).toEqual({ email: "sam@acme.test", role: "technician" });
    expect(parseTeamLine("Tom Tran, tom@acme.test, tech")).toEqual({
      name: "Tom Tran",
      email: "tom@acme.test",
      role: "technician",
    });
    expect(parseTeamLine('"Ann O\'Neil" <ann@acme.test>, owner')).toEqual({
      name: "Ann O'Neil",
      email: "ann@acme.test",
      role: "owner",
    });
  });

  it("US states by name or code", () => {
    expect(parseUsState("Texas")).toBe("TX");
    expect(parseUsState("tx")).toBe("TX");
    expect(parseUsState("New  Mexico")).toBe("NM");
    expect(parseUsState("Texarkana")).toBeNull();
  });

  it("business hours in one line", () => {
    const day = { open: "07:00", close: "18:00" };
    expect(
      describeBusinessHours({ monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: null }),
    ).toBe("Mon–Fri 07:00–18:00 · Sat–Sun closed");
  });
});
