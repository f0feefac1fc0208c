// The ask view: the question and its filters, the streamed draft, then the checked answer with its sources (or an
// abstention with the closest passages offered as related).
import { api } from "./api.js";
import { t } from "./i18n.js";
import { renderSources } from "./sources.js";
import { openSource, closeViewer } from "./viewer.js";
import { offerFeedback, hideFeedback } from "./feedback.js";

const $ = (id) => document.getElementById(id);
let running = null;

function scope() {
  const one = (id) => ($(id).value ? [$(id).value] : undefined);
  return {
    filters: { guidelines: one("filter-guideline"), publishers: one("filter-publisher"), languages: one("filter-language") },
    includeSuperseded: $("filter-superseded").checked,
    asOf: $("filter-asof").value || undefined,
  };
}

function reset() {
  for (const id of ["draft", "answer", "abstention", "ask-error"]) $(id).hidden = true;
  $("draft-text").textContent = "";
  hideFeedback();
  closeViewer();
}

async function ask(question) {
  running?.abort();
  running = new AbortController();
  reset();
  $("ask-button").disabled = true;
  $("draft").hidden = false;
  try {
    const body = { question, ...scope() };
    const answer = await api.askStreaming(body, (text) => ($("draft-text").textContent += text), running.signal);
    $("draft").hidden = true;
    if (answer.abstained) await showAbstention(answer, body);
    else showAnswer(answer);
    offerFeedback(answer.requestId, question);
  } catch (error) {
    if (error.name === "AbortError") return;
    $("draft").hidden = true;
    $("ask-error").textContent = `${t("askFailed")} ${error.message}`;
    $("ask-error").hidden = false;
  } finally {
    $("ask-button").disabled = false;
  }
}

/** The answer's text with each [n] made a link to its source. */
function showAnswer(answer) {
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
  const text = $("answer-text");
  text.replaceChildren();
  for (const part of answer.answer.split(/(\[\d+\])/)) {
    const n = /^\[(\d+)\]$/.exec(part)?.[1];
    const citation = n && byNumber.get(Number(n));
    if (!citation) {
      text.append(document.createTextNode(part));
      continue;
    }
    const link = document.createElement("a");
    link.href = `#source-${n}`;
    link.className = "cite";
    link.textContent = part;
    link.setAttribute("aria-label", `${t("openPage")} ${citation.pageLabel ?? citation.page}: ${citation.title}`);
    link.addEventListener("click", (e) => {
      e.preventDefault();
      openSource(citation, link);
    });
    text.append(link);
  }
  renderSources($("sources"), answer.citations);
  $("answer").hidden = false;
}

async function showAbstention(answer, body) {
  $("abstention-detail").textContent = answer.answer;
  $("abstention").hidden = false;
  let related = [];
  try {
    related = (await api.search({ query: body.question, topK: 3, filters: body.filters, includeSuperseded: body.includeSuperseded, asOf: body.asOf })).results;
  } catch {
    // The related passages are a help, not the answer: without them the abstention still stands.
  }
  renderSources($("related"), related);
  if (!related.length) {
    const none = document.createElement("li");
    none.textContent = t("noRelated");
    $("related").replaceChildren(none);
  }
}

/** Guideline, publisher and language choices from the documents loaded here. */
export async function loadFilters() {
  let documents = [];
  try {
    documents = (await api.documents("limit=200&status=indexed")).items;
  } catch {
    return;
  }
  const fill = (id, pairs) => {
    const select = $(id);
    const keep = select.value;
    const any = select.options[0];
    const options = [...new Map(pairs).entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([value, label]) => new Option(label, value));
    select.replaceChildren(any, ...options);
    select.value = keep;
  };
  fill("filter-guideline", documents.map((d) => [d.guideline, d.title]));
  fill("filter-publisher", documents.map((d) => [d.publisher, d.publisher]));
  fill("filter-language", documents.map((d) => [d.language, d.language]));
}

export function initAsk() {
  const form = $("ask-form");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const question = $("question").value.trim();
    if (question) ask(question);
  });
  $("question").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
}
