// Lumen's local chat page: plain DOM, no framework, and only the public API (HTTP and WebSocket).
// Text from the API is only ever set with textContent, never parsed as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { persona: null, sessionId: null, listCreator: null, nextToken: null };
  /** The WebSocket: chat goes over it while it is open, over POST /api/chat otherwise. */
  const live = { socket: null, open: false, pending: null, typingSince: 0, typingTimer: null, typingFrames: 0 };
  const TOKEN_KEY = "lumen.token";
  const PERSONA_KEY = "lumen.personaId";
  const REPLY_TIMEOUT_MS = 60000;
  /** A socket not open by then counts as failed (a proxy may hold the handshake forever). */
  const CONNECT_TIMEOUT_MS = 5000;
  /** A typing indicator stays at least this long, so a fast reply does not make it flicker. */
  const TYPING_MIN_MS = 800;

  /** An answer of the API in its {"error":{"code","message"}} shape (or a network failure). */
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  function remember(key, value) {
    try {
      if (value) {
        sessionStorage.setItem(key, value);
      } else {
        sessionStorage.removeItem(key);
      }
    } catch (e) {
      // storage may be off; the page works without it
    }
  }

  function recall(key) {
    try {
      return sessionStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function token() {
    return $("token").value.trim();
  }

  async function api(method, path, body) {
    const headers = { accept: "application/json" };
    if (token()) {
      headers.authorization = "Bearer " + token();
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
    if (e.status === 401) {
      box.append(el("span", "error-hint", token()
        ? "The runner refused this token (expired, wrongly signed, or for another issuer): mint a new one and paste it into \"Bearer token\"."
        : "This runner needs a token (LUMEN_AUTH=jwt): paste one into \"Bearer token\" above and press Enter."));
    } else if (e.status === 403) {
      box.append(el("span", "error-hint", "Your token does not allow this: it belongs to another user or creator."));
    }
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

  /** A random id for a new session, so the WebSocket's frames can be matched to it. */
  function newSessionId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return "web-" + Array.from(bytes, (b) => (b % 36).toString(36)).join("");
  }

  // ---- token: the subject it names is the user the page acts as

  function claimsOf(jwt) {
    try {
      const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(atob(payload + "===".slice((payload.length + 3) % 4)));
    } catch (e) {
      return null;
    }
  }

  function applyToken() {
    remember(TOKEN_KEY, token());
    const claims = token() ? claimsOf(token()) : null;
    if (claims && claims.sub) {
      $("user-id").value = claims.sub;
      $("user-id").readOnly = true;
    } else {
      $("user-id").readOnly = false;
    }
  }

  async function tokenChanged() {
    clearError();
    applyToken();
    connect();
    await listPersonas();
  }

  // ---- persona list and picker

  async function listPersonas(event, more) {
    if (event) {
      event.preventDefault();
      clearError();
    }
    const query = new URLSearchParams({ limit: "20" });
    const creator = $("list-creator").value.trim();
    if (creator) {
      query.set("creatorId", creator);
    }
    if (more && state.nextToken) {
      query.set("nextToken", state.nextToken);
    }
    const list = $("persona-list");
    try {
      const page = await api("GET", "/api/personas?" + query);
      if (!more) {
        list.textContent = "";
      }
      (page.personas || []).forEach((p) => list.append(personaItem(p)));
      state.listCreator = page.creatorId;
      state.nextToken = page.nextToken || null;
      $("more-personas").hidden = !state.nextToken;
      const count = list.children.length;
      $("persona-list-status").textContent = count === 0
        ? "Creator " + page.creatorId + " has no personas yet: create one below."
        : count + (count === 1 ? " persona" : " personas") + " of creator " + page.creatorId + ", newest first.";
      markPicked();
    } catch (e) {
      list.textContent = "";
      state.nextToken = null;
      $("more-personas").hidden = true;
      $("persona-list-status").textContent = "The list could not be loaded.";
      showError(e);
    }
  }

  function personaItem(persona) {
    const item = el("li");
    const button = el("button", "persona-pick");
    button.type = "button";
    button.dataset.personaId = persona.id;
    button.setAttribute("aria-pressed", "false");
    button.append(el("span", "name", persona.name), document.createTextNode(" "), el("small", null, persona.id));
    if (persona.description) {
      button.title = persona.description;
    }
    button.addEventListener("click", () => pickPersona(persona.id));
    item.append(button);
    return item;
  }

  function markPicked() {
    document.querySelectorAll("#persona-list .persona-pick").forEach((b) => {
      b.setAttribute("aria-pressed", String(state.persona !== null && b.dataset.personaId === state.persona.id));
    });
  }

  async function pickPersona(id) {
    clearError();
    try {
      showPersona(await api("GET", "/api/personas/" + encodeURIComponent(id)));
    } catch (e) {
      showError(e);
    }
  }

  // ---- persona and traits

  function showPersona(persona) {
    state.persona = persona;
    newSession();
    $("persona-id").value = persona.id;
    $("persona-summary").textContent = persona.name + " (" + persona.id + ", creator " + persona.creatorId + ")"
      + (persona.description ? ": " + persona.description : "");
    const list = $("trait-list");
    list.textContent = "";
    (persona.traits || []).forEach((trait) => list.append(traitSlider(trait)));
    $("persona").hidden = false;
    $("send").disabled = false;
    remember(PERSONA_KEY, persona.id);
    markPicked();
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
    const id = $("persona-id").value.trim();
    if (id) {
      await pickPersona(id);
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
      const persona = await api("POST", "/api/personas", body);
      showPersona(persona);
      $("create-details").open = false;
      if (state.listCreator === null || state.listCreator === persona.creatorId) {
        await listPersonas();
      }
    } catch (e) {
      showError(e);
    }
  }

  // ---- the WebSocket

  function setTransport(kind, text) {
    $("transport").dataset.transport = kind;
    $("transport").textContent = text;
  }

  /** Opens (or re-opens) the WebSocket; until it is open, chat goes over HTTP. */
  function connect() {
    if (live.socket) {
      const old = live.socket;
      live.socket = null;
      old.close();
    }
    live.open = false;
    if (!("WebSocket" in window)) {
      setTransport("http", "HTTP (this browser has no WebSocket)");
      return;
    }
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws"
      + (token() ? "?token=" + encodeURIComponent(token()) : "");
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      setTransport("http", "HTTP (the WebSocket could not be opened: " + e.message + ")");
      return;
    }
    live.socket = socket;
    setTransport("connecting", "connecting…");
    const giveUp = setTimeout(() => {
      if (live.socket === socket && !live.open) {
        live.socket = null;
        setTransport("http", "HTTP (the WebSocket did not open)");
        socket.close();
      }
    }, CONNECT_TIMEOUT_MS);
    socket.addEventListener("open", () => {
      clearTimeout(giveUp);
      if (live.socket === socket) {
        live.open = true;
        setTransport("websocket", "live (WebSocket)");
      }
    });
    socket.addEventListener("message", (e) => {
      if (live.socket === socket) {
        onFrame(e.data);
      }
    });
    socket.addEventListener("close", () => {
      clearTimeout(giveUp);
      if (live.socket !== socket) {
        return;
      }
      live.socket = null;
      live.open = false;
      setTransport("http", "HTTP (the WebSocket is closed or was refused)");
      if (live.pending) {
        const pending = live.pending;
        live.pending = null;
        clearTimeout(pending.timer);
        pending.reject(new ApiError(0, "connection_lost", "The WebSocket closed before the reply came; send again."));
      }
      hideTyping(true);
    });
  }

  function onFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      return;
    }
    switch (frame.type) {
      case "typing":
        // The persona writing in this page's session (typing:false comes after the reply).
        if (frame.sessionId === (live.pending ? live.pending.sessionId : state.sessionId)) {
          if (frame.typing) {
            showTyping();
          } else {
            hideTyping(false);
          }
        }
        break;
      case "reply":
        if (live.pending && frame.sessionId === live.pending.sessionId) {
          hideTyping(false);
          settle((p) => p.resolve(frame));
        }
        break;
      case "error":
        if (live.pending) {
          const error = frame.error || {};
          settle((p) => p.reject(new ApiError(error.status || 0, error.code || "error", error.message || "")));
        }
        break;
      case "presence":
        $("presence").textContent = "· " + frame.devices + (frame.devices === 1 ? " device" : " devices") + " of yours online";
        break;
      case "proactive":
        addProactive(frame);
        break;
      default:
        break;
    }
  }

  function settle(action) {
    const pending = live.pending;
    live.pending = null;
    clearTimeout(pending.timer);
    action(pending);
  }

  function showTyping() {
    live.typingFrames += 1;
    live.typingSince = Date.now();
    clearTimeout(live.typingTimer);
    const box = $("typing");
    box.dataset.frames = String(live.typingFrames);
    box.textContent = (state.persona ? state.persona.name : "The persona") + " is typing…";
    box.hidden = false;
  }

  function hideTyping(now) {
    const wait = now ? 0 : Math.max(0, TYPING_MIN_MS - (Date.now() - live.typingSince));
    clearTimeout(live.typingTimer);
    live.typingTimer = setTimeout(() => {
      $("typing").hidden = true;
    }, wait);
  }

  function sendOverSocket(body) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        live.pending = null;
        hideTyping(true);
        reject(new ApiError(0, "timeout", "No reply over the WebSocket within a minute."));
      }, REPLY_TIMEOUT_MS);
      live.pending = { sessionId: body.sessionId, resolve: resolve, reject: reject, timer: timer };
      live.socket.send(JSON.stringify(Object.assign({ action: "sendMessage" }, body)));
    });
  }

  // ---- chat

  function addTurn(role, text, who) {
    const item = el("li", "turn " + role);
    item.append(el("p", "who", who || (role === "user" ? "You" : (state.persona ? state.persona.name : "Persona"))));
    item.append(el("p", "text", text));
    $("transcript").append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function addProactive(frame) {
    const who = (state.persona && state.persona.id === frame.personaId ? state.persona.name : frame.personaId || "Lumen")
      + " (reaching out)";
    const item = addTurn("proactive", frame.text, who);
    item.dataset.messageId = frame.messageId;
    item.append(el("p", "meta", "proactive message · " + String(frame.trigger || "").toLowerCase().replace(/_/g, " ")));
  }

  function addReply(reply, memories, transport) {
    const item = addTurn("assistant", reply.message);
    item.dataset.messageId = reply.messageId;
    item.dataset.transport = transport;
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
    const meta = [transport === "websocket" ? "via WebSocket" : "via HTTP"];
    if (reply.model) {
      meta.push("model " + reply.model);
    }
    if (reply.safety && reply.safety.crisis && reply.safety.crisis !== "NONE") {
      meta.push("crisis " + reply.safety.crisis);
    }
    if (reply.safety && reply.safety.injection) {
      meta.push("prompt injection refused");
    }
    item.append(el("p", "meta", meta.join(" · ")));
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
    const sessionId = state.sessionId || newSessionId();
    const body = { personaId: state.persona.id, message: message, sessionId: sessionId, locale: navigator.language || "en" };
    $("send").disabled = true;
    $("sending").textContent = "Sending…";
    addTurn("user", message);
    $("message").value = "";
    try {
      let reply;
      let transport;
      if (live.open) {
        transport = "websocket";
        reply = await sendOverSocket(body);
      } else {
        transport = "http";
        // The socket failed or was refused: chat over HTTP, and try the socket again for next time.
        if (!live.socket) {
          connect();
        }
        if (userId()) {
          body.userId = userId();
        }
        reply = await api("POST", "/api/chat", body);
      }
      state.sessionId = reply.sessionId;
      $("session-id").textContent = reply.sessionId;
      addReply(reply, await recalledMemories(reply, message), transport);
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
    $("list-form").addEventListener("submit", listPersonas);
    $("more-personas").addEventListener("click", () => listPersonas(null, true));
    $("load-form").addEventListener("submit", loadPersona);
    $("create-form").addEventListener("submit", createPersona);
    $("chat-form").addEventListener("submit", send);
    $("new-session").addEventListener("click", newSession);
    $("token").addEventListener("change", tokenChanged);
    $("token").addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        $("token").blur();
      }
    });
    $("message").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        $("chat-form").requestSubmit();
      }
    });
    const savedToken = recall(TOKEN_KEY);
    if (savedToken) {
      $("token").value = savedToken;
    }
    applyToken();
    const remembered = recall(PERSONA_KEY);
    if (remembered) {
      $("persona-id").value = remembered;
    }
    connect();
    listPersonas();
  });
})();
