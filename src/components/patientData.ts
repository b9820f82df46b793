import { z } from "zod";
import { html } from "../shared/html.ts";
import { defineComponent } from "./types.ts";

/** The test patients from `_data/testing/*.csv`, newest file first, as a table. */
export const patientData = defineComponent({
  name: "testing/patient_data.html",
  args: z.object({}),
  render: (_args, context) => {
    const testing = (context.site.data["testing"] ?? {}) as Record<string, unknown>;
    const name = Object.keys(testing).filter((k) => k.startsWith("patient_data")).sort().pop();
    const rows = (name ? testing[name] : undefined) as Record<string, string>[] | undefined;
    if (!rows || rows.length === 0) {
      context.log.warn({ code: "include-data", file: context.page.file, line: context.page.line, message: "testing/patient_data.html found no _data/testing/patient_data*.csv", hint: "add the CSV file of test patients" });
      return "";
    }
    const columns = Object.keys(rows[0]!);
    const heading = (c: string): string => c.replace(/_/g, " ").toLowerCase().replace(/^./, (ch) => ch.toUpperCase());
    return html`<div class="app-table-scroll" tabindex="0" role="region" aria-label="Test patients"><table class="app-patient-data"><thead><tr>${columns.map((c) => html`<th scope="col">${heading(c)}</th>`)}</tr></thead><tbody>${rows.map(
      (row) => html`<tr>${columns.map((c) => html`<td>${row[c] ?? ""}</td>`)}</tr>`,
    )}</tbody></table></div>`.value;
  },
});
