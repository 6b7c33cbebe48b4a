import { describe, expect, it } from "vitest";
import { formatGoTime } from "./go-time.js";
import { renderTemplate } from "./index.js";

const MORNING = new Date(Date.UTC(2026, 2, 4, 5, 6, 7, 123));
const EVENING = new Date(Date.UTC(1999, 11, 31, 23, 59, 59));

describe("formatGoTime", () => {
  it("formats the common layouts as Go does", () => {
    expect(formatGoTime(MORNING, "2006-01-02")).toBe("2026-03-04");
    expect(formatGoTime(MORNING, "01/02/2006")).toBe("03/04/2026");
    expect(formatGoTime(MORNING, "2006-01-02T15:04:05Z07:00")).toBe("2026-03-04T05:06:07Z");
    expect(formatGoTime(MORNING, "20060102150405")).toBe("20260304050607");
    expect(formatGoTime(EVENING, "Mon, 02 Jan 2006 15:04:05 MST")).toBe("Fri, 31 Dec 1999 23:59:59 UTC");
    expect(formatGoTime(EVENING, "Mon Jan _2 15:04:05 -0700 2006")).toBe("Fri Dec 31 23:59:59 +0000 1999");
  });

  it("formats 12-hour clocks, unpadded and space-padded fields, and days of the year", () => {
    expect(formatGoTime(EVENING, "3:04PM 03pm Monday January")).toBe("11:59PM 11pm Friday December");
    expect(formatGoTime(MORNING, "1/2/06 3:4:5 _2 __2 002")).toBe("3/4/26 5:6:7  4  63 063");
  });

  it("formats fractional seconds: .000 keeps zeros, .999 drops them", () => {
    expect(formatGoTime(MORNING, "05.000 05.000000 05,999 05.9")).toBe("07.123 07.123000 07,123 07.1");
    expect(formatGoTime(EVENING, "05.000|05.999|")).toBe("59.000|59|");
  });

  it("prints zones as UTC", () => {
    expect(formatGoTime(MORNING, "Z07 -07 Z0700 -0700 Z07:00 -07:00 -07:00:00 MST")).toBe(
      "Z +00 Z +0000 Z +00:00 +00:00:00 UTC",
    );
  });

  it("keeps words that only look like layout elements", () => {
    expect(formatGoTime(MORNING, "Janet Monet _2006")).toBe("Janet Monet _2026");
  });
});

describe("wall-clock values in templates", () => {
  const now = () => MORNING;

  it("formats the time function and .Date, .Timestamp and .Now from the injected clock", () => {
    expect(renderTemplate('{{ time "2006.01.02" }}', {}, { now })).toBe("2026.03.04");
    expect(renderTemplate("{{ .Date }} {{ .Timestamp }}", {}, { now })).toBe(
      "2026-03-04T05:06:07Z 1772600767",
    );
    expect(renderTemplate('{{ .Now.Format "2006" }} {{ .Now.Unix }} {{ .Now.Year }}', {}, { now })).toBe(
      "2026 1772600767 2026",
    );
    expect(renderTemplate("{{ .Now }}", {}, { now })).toBe("2026-03-04 05:06:07.123 +0000 UTC");
    expect(() => renderTemplate("{{ .Now.Format }}", {}, { now })).toThrow(
      "wrong number of args for Format: want 1 got 0",
    );
    expect(() => renderTemplate("{{ .Now.Format 1 }}", {}, { now })).toThrow(
      "error calling Format: wrong type for value; expected string; got int",
    );
  });

  it("reads the clock once per render, so that all fields agree", () => {
    let calls = 0;
    const ticking = () => new Date(Date.UTC(2026, 0, 1, 0, 0, calls++));
    expect(renderTemplate("{{ .Date }} {{ .Now.Unix }} {{ .Timestamp }}", {}, { now: ticking })).toBe(
      "2026-01-01T00:00:00Z 1767225600 1767225600",
    );
  });

  it("uses the data's own values when it has them", () => {
    expect(renderTemplate("{{ .Date }}", { Date: "fixed" }, { now })).toBe("fixed");
  });
});
