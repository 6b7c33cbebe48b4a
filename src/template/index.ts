// Go text/template for name templates, with GoReleaser's functions and fields; no I/O of its own.
export { TemplateError } from "./errors.js";
export { formatGoTime } from "./go-time.js";
export {
  parseTemplate,
  type RenderOptions,
  referencedFields,
  renderTemplate,
  Template,
  type TemplateData,
} from "./template.js";
