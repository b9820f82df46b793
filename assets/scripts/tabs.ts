import { Tabs } from "nhsuk-frontend/dist/nhsuk/components/tabs/tabs.mjs";

/** The FHIR example pages' tabs, as NHS.UK tabs (roles, arrow keys) from nhsuk-frontend. */
export function enhanceTabs(root: Document): void {
  root.querySelectorAll<HTMLElement>('[data-module="nhsuk-tabs"]').forEach((element) => new Tabs(element));
}
