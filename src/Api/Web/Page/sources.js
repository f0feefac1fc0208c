// A list of sources (citations or related passages), each with a button that opens its page.
import { openSource, describe } from "./viewer.js";
import { t } from "./i18n.js";

export function renderSources(list, sources) {
  list.replaceChildren(...sources.map((source, i) => {
    const item = document.createElement("li");
    item.id = source.n ? `source-${source.n}` : `related-${i + 1}`;
    if (source.n) item.value = source.n;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = describe(source);
    const quote = document.createElement("q");
    quote.textContent = source.quote ?? excerpt(source.text);
    const open = document.createElement("button");
    open.type = "button";
    open.className = "open-page";
    open.textContent = `${t("openPage")} ${source.pageLabel ?? source.page}`;
    open.addEventListener("click", () => openSource(source, open));
    item.append(meta, quote, open);
    return item;
  }));
}

/** A related passage is a whole chunk: the list shows its start, the viewer all of it. */
function excerpt(text, limit = 280) {
  if (!text || text.length <= limit) return text;
  const cut = text.lastIndexOf(" ", limit);
  return `${text.slice(0, cut > limit / 2 ? cut : limit)}…`;
}
