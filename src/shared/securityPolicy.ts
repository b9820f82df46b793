/**
 * The policy every page is served with: no inline scripts or styles, no
 * eval; Pagefind's WebAssembly needs `wasm-unsafe-eval` and nothing more.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** As `_headers` sends it. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join("; ");

/**
 * As each page also carries it in a `<meta http-equiv>`, for hosts that ignore
 * `_headers` (GitHub Pages, the dev server): browsers ignore `frame-ancestors` there.
 */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((directive) => !directive.startsWith("frame-ancestors")).join("; ");
