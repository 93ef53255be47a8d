/* Trợ lý Sáng kiến — web chat: loads the transcript, sends answers, renders the replies. */
(() => {
  "use strict";

  const API = "/webchat/api";
  const CSRF = { "X-Requested-With": "sangkien-webchat" };
  const MAX_FILE = 20 * 1024 * 1024;
  const POLL_MS = 20000;
  const TEXT = {
    sending: "đang gửi…",
    offline: "Chưa gửi được. Anh/chị kiểm tra kết nối mạng rồi bấm Thử lại.",
    loadFailed: "Chưa tải được cuộc trò chuyện. Anh/chị kiểm tra kết nối mạng rồi bấm Thử lại.",
    tooBig: "Tệp quá lớn. Vui lòng gửi tệp không quá 20 MB.",
    started: "Bắt đầu trò chuyện",
    bot: "Trợ lý: ",
    you: "Anh/chị: ",
    download: "Tải tệp: ",
    choices: "Các lựa chọn",
    endConfirm:
      "Kết thúc phiên trên máy này? Người dùng sau sẽ không xem được cuộc trò chuyện của anh/chị. " +
      "Hồ sơ đã gửi vẫn được lưu và xử lý.",
    ended: "Đã kết thúc phiên. Tải lại trang để bắt đầu phiên mới.",
  };

  const $ = (id) => document.getElementById(id);
  const log = $("log");
  const form = $("composer");
  const input = $("text");
  const sendButton = $("send");
  const fileInput = $("file");
  const statusLine = $("status");
  const retryButton = $("retry");
  const touch = window.matchMedia("(pointer: coarse)").matches;

  let lastId = 0;
  let busy = false;
  let retry = null;

  function clientId() {
    // crypto.randomUUID needs a secure context; an intranet server may be plain http.
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function call(method, url, body) {
    const options = { method, credentials: "same-origin", headers: Object.assign({}, CSRF) };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (err) {
      throw { status: 0, message: TEXT.offline };
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw { status: response.status, message: data.error || TEXT.offline };
    }
    return data;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text; // textContent only: user text is untrusted
    return node;
  }

  function messageNode(m) {
    if (m.role === "user" && m.text === "/start") {
      const note = el("div", "note", TEXT.started);
      note.id = "m" + m.id;
      return note;
    }
    const node = el("div", "msg msg-" + (m.role === "user" ? "user" : "bot"));
    node.id = "m" + m.id;
    node.dataset.role = m.role;
    const bubble = el("p", "bubble" + (m.kind === "file" ? " bubble-file" : ""));
    bubble.appendChild(el("span", "sr-only", m.role === "user" ? TEXT.you : TEXT.bot));
    bubble.appendChild(document.createTextNode(m.text));
    node.appendChild(bubble);
    if (m.document && m.document.url) node.appendChild(documentLink(m.document));
    if (m.buttons && m.buttons.length) node.appendChild(choiceGroup(m.buttons));
    return node;
  }

  function documentLink(doc) {
    const link = el("a", "doc", TEXT.download + (doc.name || ""));
    link.href = doc.url;
    link.setAttribute("download", doc.name || "");
    return link;
  }

  function choiceGroup(buttons) {
    const group = el("div", "choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", TEXT.choices);
    buttons.forEach((b) => {
      const button = el("button", "choice", b.label);
      button.type = "button";
      button.dataset.value = b.value;
      button.disabled = true;
      button.addEventListener("click", (event) => choose(button, event));
      group.appendChild(button);
    });
    return group;
  }

  function render(messages) {
    messages.forEach((m) => {
      if (!document.getElementById("m" + m.id)) log.appendChild(messageNode(m));
      if (m.id > lastId) lastId = m.id;
    });
    refreshChoices();
    log.scrollTop = log.scrollHeight;
  }

  function refreshChoices() {
    // Only the bot's latest turn (everything after the user's last message) can be answered.
    const nodes = Array.from(log.querySelectorAll(".msg, .note"));
    let turnStart = 0;
    nodes.forEach((node, i) => {
      if (!node.classList.contains("msg-bot")) turnStart = i + 1;
    });
    const blocked = busy || retry !== null;
    nodes.forEach((node, i) => {
      node.querySelectorAll("button.choice").forEach((button) => {
        button.disabled = blocked || i < turnStart;
      });
    });
    markChosen(nodes);
  }

  function markChosen(nodes) {
    nodes.forEach((node, i) => {
      const next = nodes[i + 1];
      const answer = next && next.classList.contains("msg-user") ? next.textContent : null;
      node.querySelectorAll("button.choice").forEach((button) => {
        const chosen = answer !== null && answer === TEXT.you + button.textContent;
        button.classList.toggle("chosen", chosen);
      });
    });
  }

  function showStatus(message, onRetry) {
    statusLine.textContent = message || "";
    retry = onRetry || null;
    retryButton.hidden = !onRetry;
    refreshChoices();
    // The bar takes room from the log: keep the newest message (maybe the failed one) in view.
    requestAnimationFrame(() => {
      log.scrollTop = log.scrollHeight;
    });
  }

  function setBusy(value) {
    busy = value;
    form.setAttribute("aria-busy", String(value));
    sendButton.setAttribute("aria-disabled", String(value));
    refreshChoices();
  }

  function pendingBubble(text) {
    // Hidden from screen readers: the log announces the stored message once it comes back.
    const node = el("div", "msg msg-user pending");
    node.setAttribute("aria-hidden", "true");
    const bubble = el("p", "bubble", text);
    bubble.appendChild(el("span", "pending-label", TEXT.sending));
    node.appendChild(bubble);
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
    return node;
  }

  async function deliver(makeRequest, shownText, restore, refocus) {
    if (busy) return;
    const pending = pendingBubble(shownText);
    setBusy(true);
    showStatus("");
    try {
      const data = await makeRequest();
      pending.remove();
      render(data.messages || []);
    } catch (err) {
      if (err.status === 0 || err.status >= 500) {
        pending.classList.add("failed");
        showStatus(err.message, () => {
          pending.remove();
          deliver(makeRequest, shownText, restore, refocus);
        });
      } else {
        pending.remove();
        showStatus(err.message);
        if (restore) restore();
      }
    } finally {
      setBusy(false);
      if (refocus) input.focus();
    }
  }

  function sendText(text, refocus) {
    const body = { text, client_id: clientId() };
    const makeRequest = () => call("POST", API + "/messages", Object.assign(body, { after: lastId }));
    const restore = () => {
      if (!input.value) input.value = text;
      grow();
    };
    return deliver(makeRequest, text, restore, refocus);
  }

  function choose(button, event) {
    if (busy || retry || button.disabled) return;
    const body = { choice: button.dataset.value, label: button.textContent, client_id: clientId() };
    const makeRequest = () => call("POST", API + "/messages", Object.assign(body, { after: lastId }));
    // On a phone, focusing the text box after a tap would pop the keyboard over the choices.
    const keyboard = event.detail === 0;
    deliver(makeRequest, button.textContent, null, keyboard || !touch);
  }

  function upload(file) {
    if (file.size > MAX_FILE) {
      showStatus(TEXT.tooBig);
      return;
    }
    const id = clientId();
    const makeRequest = () => {
      const data = new FormData();
      data.append("client_id", id);
      data.append("after", String(lastId));
      data.append("file", file, file.name);
      return call("POST", API + "/upload", data);
    };
    deliver(makeRequest, "📎 " + file.name, null, !touch);
  }

  async function fetchNew() {
    let more = true;
    while (more) {
      const data = await call("GET", API + "/messages?after=" + lastId);
      render(data.messages || []);
      more = Boolean(data.more) && data.messages.length > 0;
    }
  }

  async function start() {
    try {
      await fetchNew();
    } catch (err) {
      if (err.status === 429) {
        showStatus(err.message);
        return;
      }
      showStatus(TEXT.loadFailed, () => {
        showStatus("");
        start();
      });
      return;
    }
    // A first visit greets the visitor without making them type a command.
    if (lastId === 0) await sendText("/start", false);
  }

  function grow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 176) + "px";
  }

  function submit() {
    const text = input.value;
    if (busy) return;
    if (retry) {
      // The failed message goes first, so answers stay in order; the new text waits in the box.
      retry();
      return;
    }
    if (!text.trim()) return;
    input.value = "";
    grow();
    sendText(text, true);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  // Phone keyboards have no Shift+Enter: there Enter starts a new line and "Gửi" sends,
  // as in Zalo and Telegram. With a real keyboard, Enter sends and Shift+Enter breaks the line.
  input.enterKeyHint = touch ? "enter" : "send";
  input.addEventListener("keydown", (event) => {
    if (touch || event.key !== "Enter" || event.shiftKey) return;
    // Vietnamese input methods compose with Enter too; only a finished Enter sends.
    if (!event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener("input", grow);
  $("attach").addEventListener("click", () => {
    if (!busy && !retry) fileInput.click();
  });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (file) upload(file);
  });
  retryButton.addEventListener("click", () => {
    if (retry) retry();
  });
  let ended = false;
  const poll = () => {
    if (!ended && !busy && !retry && document.visibilityState === "visible") {
      fetchNew().catch(() => {});
    }
  };
  document.addEventListener("visibilitychange", poll);
  const timer = window.setInterval(poll, POLL_MS);

  // «Kết thúc phiên» on a shared office computer: the server forgets this browser's session.
  $("end").addEventListener("click", async () => {
    if (busy || ended || !window.confirm(TEXT.endConfirm)) return;
    setBusy(true);
    try {
      await call("POST", API + "/session/end");
    } catch (err) {
      setBusy(false);
      showStatus(err.message);
      return;
    }
    ended = true;
    window.clearInterval(timer);
    log.replaceChildren();
    lastId = 0;
    input.value = "";
    form.querySelectorAll("button, textarea").forEach((node) => { node.disabled = true; });
    $("end").disabled = true;
    showStatus(TEXT.ended);
  });

  start();
})();
