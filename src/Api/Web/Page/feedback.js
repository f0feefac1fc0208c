// Helpful or not, what was wrong and a comment, for the answer on screen (POST /v1/answers/{id}/feedback).
import { api } from "./api.js";
import { t } from "./i18n.js";

let target = null; // {requestId, question}

export function offerFeedback(requestId, question) {
  const form = document.getElementById("feedback");
  form.reset();
  document.getElementById("feedback-status").textContent = "";
  target = requestId ? { requestId, question } : null;
  form.hidden = !target;
  for (const control of form.elements) control.disabled = false;
}

export function hideFeedback() {
  target = null;
  document.getElementById("feedback").hidden = true;
}

export function initFeedback() {
  const form = document.getElementById("feedback");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!target) return;
    const status = document.getElementById("feedback-status");
    const body = {
      helpful: form.elements.helpful.value === "true",
      categories: [...form.querySelectorAll("input[name=category]:checked")].map((c) => c.value),
      comment: document.getElementById("feedback-comment").value.trim() || null,
      question: target.question,
    };
    try {
      await api.feedback(target.requestId, body);
      status.textContent = t("feedbackSaved");
      status.className = "ok";
      for (const control of form.elements) control.disabled = true;
    } catch (error) {
      status.textContent = `${t("feedbackFailed")} ${error.message}`;
      status.className = "error";
    }
  });
}
