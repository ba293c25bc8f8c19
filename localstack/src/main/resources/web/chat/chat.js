// Lumen's local chat page: plain DOM, no framework, and only the public HTTP API.
// Text from the API is only ever set with textContent, never parsed as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { persona: null, sessionId: null };

  /** An answer of the API in its {"error":{"code","message"}} shape (or a network failure). */
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(method, path, body) {
    const headers = { accept: "application/json" };
    const token = $("token").value.trim();
    if (token) {
      headers.authorization = "Bearer " + token;
    }
    if (body !== undefined) {
      headers["content-type"] = "application/json";
    }
    let response;
    try {
      response = await fetch(path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit"
      });
    } catch (e) {
      throw new ApiError(0, "network_error", "The runner did not answer: " + e.message);
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      const error = data && data.error ? data.error : {};
      throw new ApiError(response.status, error.code || "http_" + response.status,
        error.message || text || response.statusText);
    }
    return data;
  }

  function showError(e) {
    const box = $("error");
    box.textContent = "";
    const code = document.createElement("strong");
    code.className = "error-code";
    code.textContent = (e.status ? e.status + " " : "") + (e.code || "error");
    const message = document.createElement("span");
    message.className = "error-message";
    message.textContent = " " + e.message;
    box.append(code, message);
    box.hidden = false;
  }

  function clearError() {
    $("error").hidden = true;
    $("error").textContent = "";
  }

  function userId() {
    return $("user-id").value.trim();
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // ---- persona and traits

  function showPersona(persona) {
    state.persona = persona;
    state.sessionId = null;
    $("session-id").textContent = "new";
    $("transcript").textContent = "";
    $("persona-id").value = persona.id;
    $("persona-summary").textContent = persona.name + " (" + persona.id + ", creator " + persona.creatorId + ")"
      + (persona.description ? ": " + persona.description : "");
    const list = $("trait-list");
    list.textContent = "";
    (persona.traits || []).forEach((trait) => list.append(traitSlider(trait)));
    $("persona").hidden = false;
    $("send").disabled = false;
    try {
      sessionStorage.setItem("lumen.personaId", persona.id);
    } catch (e) {
      // storage may be off; the page works without it
    }
  }

  function traitSlider(trait) {
    const row = el("div", "trait");
    const id = "trait-" + trait.id;
    const label = el("label", null, trait.name + (trait.inherited ? " (core)" : ""));
    label.htmlFor = id;
    const slider = document.createElement("input");
    slider.type = "range";
    slider.id = id;
    slider.min = "0";
    slider.max = "1";
    slider.step = "0.05";
    slider.value = String(trait.intensity);
    slider.dataset.traitId = trait.id;
    slider.title = trait.description || trait.name;
    const output = el("output", "intensity", Number(trait.intensity).toFixed(2));
    output.htmlFor = id;
    output.id = id + "-value";
    slider.setAttribute("aria-describedby", output.id);
    slider.addEventListener("input", () => {
      output.textContent = Number(slider.value).toFixed(2);
    });
    slider.addEventListener("change", () => updateTrait(trait, slider, output));
    row.append(label, slider, output);
    return row;
  }

  async function updateTrait(trait, slider, output) {
    clearError();
    const intensity = Number(slider.value);
    try {
      const updated = await api("PUT", "/api/personas/" + encodeURIComponent(state.persona.id)
        + "/traits/" + encodeURIComponent(trait.id), { action: "set", intensity: intensity });
      slider.value = String(updated.intensity);
      // An inherited trait, once changed, is the persona's own copy.
      const label = slider.parentElement.querySelector("label");
      if (label) {
        label.textContent = updated.name + (updated.inherited ? " (core)" : "");
      }
      output.textContent = Number(updated.intensity).toFixed(2);
      $("trait-status").textContent = updated.name + " is now " + Number(updated.intensity).toFixed(2) + ".";
    } catch (e) {
      showError(e);
    }
  }

  async function loadPersona(event) {
    event.preventDefault();
    clearError();
    const id = $("persona-id").value.trim();
    if (!id) {
      return;
    }
    try {
      showPersona(await api("GET", "/api/personas/" + encodeURIComponent(id)));
    } catch (e) {
      showError(e);
    }
  }

  async function createPersona(event) {
    event.preventDefault();
    clearError();
    const body = { name: $("new-name").value.trim(), traits: [] };
    [["new-id", "id"], ["new-description", "description"], ["new-creator", "creatorId"]].forEach(([field, key]) => {
      const value = $(field).value.trim();
      if (value) {
        body[key] = value;
      }
    });
    try {
      showPersona(await api("POST", "/api/personas", body));
      $("create-details").open = false;
    } catch (e) {
      showError(e);
    }
  }

  // ---- chat

  function addTurn(role, text) {
    const item = el("li", "turn " + role);
    item.append(el("p", "who", role === "user" ? "You" : (state.persona ? state.persona.name : "Persona")));
    item.append(el("p", "text", text));
    $("transcript").append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function addReply(reply, memories) {
    const item = addTurn("assistant", reply.message);
    item.dataset.messageId = reply.messageId;
    if (reply.escalation || reply.requiresHumanEscalation) {
      const notice = el("div", "escalation");
      notice.setAttribute("role", "alert");
      notice.textContent = reply.escalation
        ? "Escalated for human follow-up: severity " + reply.escalation.severity
          + (reply.escalation.id ? " (escalation " + reply.escalation.id + ")" : "") + "."
        : "This reply asks for a human to follow up.";
      item.append(notice);
    }
    if (reply.citations && reply.citations.length) {
      const box = el("div", "citations");
      box.append(el("p", "label", "Sources"));
      const list = el("ul", "plain");
      reply.citations.forEach((c) => {
        const li = el("li", "citation", "[" + c.marker + "] " + (c.title || c.documentId));
        li.title = c.chunkId;
        list.append(li);
      });
      box.append(list);
      item.append(box);
    }
    const recalled = reply.memoriesRecalled || 0;
    const memoryBox = el("div", "memories");
    memoryBox.append(el("p", "label", recalled === 1 ? "1 memory recalled" : recalled + " memories recalled"));
    if (memories.length) {
      const list = el("ul");
      memories.forEach((m) => list.append(el("li", "memory", m.text)));
      memoryBox.append(list);
    }
    item.append(memoryBox);
    const meta = [];
    if (reply.model) {
      meta.push("model " + reply.model);
    }
    if (reply.safety && reply.safety.crisis && reply.safety.crisis !== "NONE") {
      meta.push("crisis " + reply.safety.crisis);
    }
    if (reply.safety && reply.safety.injection) {
      meta.push("prompt injection refused");
    }
    if (meta.length) {
      item.append(el("p", "meta", meta.join(" · ")));
    }
  }

  /** The memories most like the message, as many as the reply says it recalled (best effort). */
  async function recalledMemories(reply, message) {
    const recalled = reply.memoriesRecalled || 0;
    if (recalled < 1) {
      return [];
    }
    const query = new URLSearchParams({ q: message, k: String(Math.min(recalled, 50)) });
    if (userId()) {
      query.set("userId", userId());
    }
    try {
      const found = await api("GET", "/api/personas/" + encodeURIComponent(reply.personaId) + "/memories?" + query);
      return found.memories || [];
    } catch (e) {
      return [];
    }
  }

  async function send(event) {
    event.preventDefault();
    clearError();
    const message = $("message").value.trim();
    if (!message || !state.persona) {
      return;
    }
    const body = { personaId: state.persona.id, message: message };
    if (state.sessionId) {
      body.sessionId = state.sessionId;
    }
    if (userId()) {
      body.userId = userId();
    }
    body.locale = navigator.language || "en";
    $("send").disabled = true;
    $("sending").textContent = "Sending…";
    addTurn("user", message);
    $("message").value = "";
    try {
      const reply = await api("POST", "/api/chat", body);
      state.sessionId = reply.sessionId;
      $("session-id").textContent = reply.sessionId;
      addReply(reply, await recalledMemories(reply, message));
    } catch (e) {
      showError(e);
    } finally {
      $("send").disabled = false;
      $("sending").textContent = "";
    }
  }

  function newSession() {
    state.sessionId = null;
    $("session-id").textContent = "new";
    $("transcript").textContent = "";
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("load-form").addEventListener("submit", loadPersona);
    $("create-form").addEventListener("submit", createPersona);
    $("chat-form").addEventListener("submit", send);
    $("new-session").addEventListener("click", newSession);
    $("message").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        $("chat-form").requestSubmit();
      }
    });
    let remembered = null;
    try {
      remembered = sessionStorage.getItem("lumen.personaId");
    } catch (e) {
      remembered = null;
    }
    if (remembered) {
      $("persona-id").value = remembered;
    }
  });
})();
