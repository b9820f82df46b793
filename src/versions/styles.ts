/**
 * The switcher's, banner's and comparisons' styles: a stylesheet of their own
 * at the site root, linked only from stitched pages, so a single-tree build's
 * `site.css` stays exactly as it is. Insertions are underlined and deletions
 * struck through, so they never rely on colour alone.
 */
export const VERSIONS_CSS = `.app-version-switcher{margin:16px 0 0;font-size:1rem}
.app-version-switcher__summary{cursor:pointer;color:var(--nhsuk-link-colour,#005eb8);text-decoration:underline;display:inline-block;padding:4px 0}
.app-version-switcher__summary:focus{outline:4px solid transparent;background-color:var(--nhsuk-focus-colour,#ffeb3b);box-shadow:0 -2px var(--nhsuk-focus-colour,#ffeb3b),0 4px var(--nhsuk-focus-text-colour,#212b32);color:var(--nhsuk-focus-text-colour,#212b32);text-decoration:none}
.app-version-switcher__list{list-style:none;margin:8px 0 0;padding:8px 16px;border-left:4px solid var(--nhsuk-border-colour,#d8dde0)}
.app-version-switcher__list li{margin:0 0 8px}
.app-version-switcher__list a[aria-current]{font-weight:bold}
.app-version-switcher__note{display:block;font-size:.875rem;color:var(--nhsuk-secondary-text-colour,#4c6272)}
.app-version-banner{margin-top:16px}
.app-changed-since{margin:-8px 0 24px;font-size:1rem}
.app-diff__block{white-space:pre-wrap}
.app-diff del,.app-diff .app-diff__del{text-decoration:line-through;text-decoration-thickness:2px;background:#fbe9e7;color:#212b32}
.app-diff ins,.app-diff .app-diff__ins{text-decoration:underline;text-decoration-thickness:2px;background:#e8f5e9;color:#212b32}
.app-diff del+ins{margin-left:.25em}
.app-diff__code{overflow-x:auto;padding:16px;background:#f0f4f5;border:1px solid #d8dde0}
.app-diff__code del,.app-diff__code ins{display:inline-block;width:100%}
.app-diff__table{overflow-x:auto}
`;
