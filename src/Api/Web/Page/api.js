// The public REST API, called with the key kept in this tab's session storage (never in a URL, a cookie or
// local storage, so that it goes when the tab closes).
const keyName = "meditron.key";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const key = {
  get: () => sessionStorage.getItem(keyName),
  set: (value) => sessionStorage.setItem(keyName, value),
  clear: () => sessionStorage.removeItem(keyName),
  /** `serve --open` hands the page a key in the address's fragment (never sent to a server); it is moved to the session at once. */
  takeFromFragment() {
    const match = /(?:^#|&)key=([^&]+)/.exec(location.hash);
    if (!match) return;
    key.set(decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  },
};

function headers(extra = {}) {
  return { "X-Api-Key": key.get() ?? "", ...extra };
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function call(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.status === 204 ? null : response.json();
}

export const api = {
  documents: (query = "limit=200") => call("GET", `/v1/documents?${query}`),
  search: (body) => call("POST", "/v1/search", body),
  feedback: (requestId, body) => call("POST", `/v1/answers/${encodeURIComponent(requestId)}/feedback`, body),

  /** POST /v1/ask as Server-Sent Events: onDelta(text) for the draft, then the checked answer is returned. */
  async askStreaming(body, onDelta, signal) {
    const response = await fetch("/v1/ask", {
      method: "POST",
      headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
      body: JSON.stringify({ ...body, stream: true }),
      signal,
    });
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    for await (const event of serverSentEvents(response.body)) {
      if (event.type === "delta") onDelta(JSON.parse(event.data).text);
      else if (event.type === "answer") return JSON.parse(event.data);
      else if (event.type === "error") throw new ApiError(503, JSON.parse(event.data));
    }
    throw new ApiError(502, { title: "The answer stream ended without an answer." });
  },

  /** POST /v1/documents with upload progress (fetch cannot report it; XMLHttpRequest can). */
  upload(form, onProgress) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", "/v1/documents");
      request.setRequestHeader("X-Api-Key", key.get() ?? "");
      request.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      request.onload = () => {
        let json = null;
        try {
          json = JSON.parse(request.responseText);
        } catch {
          /* an empty or non-JSON body */
        }
        if (request.status >= 200 && request.status < 300) resolve(json);
        else reject(new ApiError(request.status, json));
      };
      request.onerror = () => reject(new ApiError(0, { title: "The server could not be reached." }));
      request.send(form);
    });
  },

  /** The stored PDF as a blob address the browser's viewer can open (#page=N); one fetch per document. */
  pdfUrl: (() => {
    const cache = new Map();
    return (documentId) => {
      if (!cache.has(documentId)) {
        const loading = fetch(`/v1/documents/${encodeURIComponent(documentId)}/content`, { headers: headers() }).then(async (response) => {
          if (!response.ok) throw new ApiError(response.status, await problemOf(response));
          return URL.createObjectURL(await response.blob());
        });
        loading.catch(() => cache.delete(documentId));
        cache.set(documentId, loading);
      }
      return cache.get(documentId);
    };
  })(),
};

/** Server-Sent Events from a response body: {type, data} per event (the "event:" and "data:" lines). */
async function* serverSentEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) type = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) yield { type, data: data.join("\n") };
    }
  }
}
