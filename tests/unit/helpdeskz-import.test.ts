// The pure parts of the HelpDeskZ import: PHP's serialize() format, esc()'d text, date formats, templates.
import { describe, expect, it } from "vitest";
import { translatePlaceholders } from "@/lib/import/helpdeskz/mappers/templates";
import {
  phpDateFormatToDateFns,
  phpListOfStrings,
  phpUnserialize,
  plainTextOf,
  tryUnserialize,
  unescapeHtml,
} from "@/lib/import/helpdeskz/php";
import { phpSerialize } from "../support/helpdeskz";

describe("phpUnserialize", () => {
  it("reads nested arrays with string and int keys, counting string lengths in UTF-8 bytes", () => {
    const text = phpSerialize({
      tickets: { read: "1", create: "1" },
      names: ["Zoë", "日本"],
      n: 3,
      ok: true,
      none: null,
    });
    const value = phpUnserialize(text);
    expect(value).toBeInstanceOf(Map);
    const map = value as Map<string, unknown>;
    expect([...(map.get("tickets") as Map<string, unknown>).keys()]).toEqual(["read", "create"]);
    expect(phpListOfStrings(map.get("names") as never)).toEqual(["Zoë", "日本"]);
    expect(map.get("n")).toBe(3);
    expect(map.get("ok")).toBe(true);
    expect(map.get("none")).toBeNull();
  });

  it("reads what HelpDeskZ writes for staff departments and allowed file types", () => {
    expect(phpListOfStrings(phpUnserialize('a:2:{i:0;s:1:"1";i:1;s:1:"3";}'))).toEqual(["1", "3"]);
    expect(phpListOfStrings(phpUnserialize('a:3:{i:0;s:3:"jpg";i:1;s:3:"png";i:2;s:3:"gif";}'))).toEqual([
      "jpg",
      "png",
      "gif",
    ]);
  });

  it("refuses objects, truncated data and trailing bytes; tryUnserialize answers undefined", () => {
    expect(() => phpUnserialize('O:8:"stdClass":0:{}')).toThrow();
    expect(() => phpUnserialize('s:10:"short";')).toThrow();
    expect(() => phpUnserialize("i:1;i:2;")).toThrow();
    expect(tryUnserialize("not serialized")).toBeUndefined();
    expect(tryUnserialize("")).toBeUndefined();
  });
});

describe("HelpDeskZ text", () => {
  it("turns nl2br(esc(text)) bodies back into text and leaves real HTML alone", () => {
    expect(plainTextOf("Hi &amp; bye,<br />\r\nline two &lt;3")).toBe("Hi & bye,\nline two <3");
    expect(plainTextOf("<p>Hello</p>")).toBeNull();
    expect(unescapeHtml("&#39;quoted&#x27; &quot;x&quot; &unknown;")).toBe("'quoted' \"x\" &unknown;");
  });

  it("translates PHP date formats to date-fns, quoting literal text", () => {
    expect(phpDateFormatToDateFns("d F Y h:i a")).toBe("dd MMMM yyyy hh:mm aaa");
    expect(phpDateFormatToDateFns("Y-m-d H:i")).toBe("yyyy-MM-dd HH:mm");
    expect(phpDateFormatToDateFns("j M Y \\a\\t G:i")).toBe("d MMM yyyy 'at' H:mm");
    expect(phpDateFormatToDateFns("U")).toBeNull();
  });

  it("translates template placeholders for their audience and names the ones it drops", () => {
    const dropped = new Set<string>();
    expect(
      translatePlaceholders(
        "%client_name%: #%ticket_id% (%ticket_priority%) %support_url% %other%",
        "customer",
        dropped,
      ),
    ).toBe("{{customer.name}}: #{{ticket.id}} () {{ticket.link}} %other%");
    expect([...dropped]).toEqual(["%ticket_priority%"]);
    expect(translatePlaceholders("%staff_name% %support_url%", "staff", new Set())).toBe(
      "{{staff.name}} {{ticket.staffLink}}",
    );
  });
});
