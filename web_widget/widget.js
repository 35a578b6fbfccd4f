/*
 * Kinship Local Offer chat widget — vanilla JS, no framework, no build step.
 *
 * Embed on any page:
 *   <script src="/widget/widget.js" data-api-base="" data-title="Kinship support chat" defer></script>
 *
 * Settings (data-* on that script tag, all optional):
 *   data-api-base        where the chat API lives ("" = this site)
 *   data-title           the chat panel's heading
 *   data-launcher-text   the launcher button's words
 *   data-exit-url        where "Exit this page" goes (default https://www.bbc.co.uk/weather)
 *   data-timeout         request timeout in milliseconds (default 20000)
 *   data-restart-payload the payload "Start again" sends (default /start_again, which clears
 *                        the conversation in Rasa and offers next steps; /restart also works)
 *   data-human-payload   the payload "Talk to a person" sends (default /request_human)
 *   data-accessibility-url the accessibility statement (default /accessibility on the API's site)
 *   data-embed="page"    the chat is the whole page, open and filling it, with no launcher: the
 *                        app's /chat/embed page, shown in an iframe on the council's site by
 *                        embed.js (see FrameLink below). Not for the council's own pages.
 *
 * A page may carry its own "Exit this page" link (class js-klo-exit, as the offer pages do): the
 * widget makes it clear the conversation and leave without a way back, like the panel's button.
 *
 * "Save or print what I've found" (under the text box, with the other actions): asks the server for
 * a new link to a one-page summary of the offer sections this chat has shown and opens it in a new
 * tab; the link is also shown in the panel, never stored, and stops working when the chat ends.
 *
 * Feedback: "Did this help?" after a goodbye/thanks reply or a sent enquiry, or when the person
 * closes the panel (the close button, not Escape) after 2 or more turns — once per conversation;
 * and "Was this useful?" yes/no on each section card. Words come from /api/chat/feedback/phrases.
 *
 * Safety: message text is only ever turned into DOM nodes with textContent (see `markdown`);
 * never innerHTML. The parts talk through DOM custom events on the widget root ("klo:send").
 */
(function () {
  'use strict'

  var script = document.currentScript
  if (!script || window.KinshipChatWidget) return

  var data = script.dataset
  var settings = {
    apiBase: (data.apiBase || '').replace(/\/+$/, ''),
    title: data.title || 'Kinship support chat',
    launcherText: data.launcherText || 'Ask about kinship support',
    exitUrl: data.exitUrl || 'https://www.bbc.co.uk/weather',
    timeout: Number(data.timeout) || 20000,
    restartPayload: data.restartPayload || '/start_again',
    humanPayload: data.humanPayload || '/request_human',
    accessibilityUrl: data.accessibilityUrl || (data.apiBase || '').replace(/\/+$/, '') + '/accessibility',
    page: data.embed === 'page',
    storageKey: 'kinship-chat-widget',
    maxChars: 2000
  }

  // h: build an element. Strings become text nodes (Element.append), so nothing is parsed as HTML.
  function h (tag, attrs) {
    var el = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key]
      if (value == null || value === false) return
      if (key === 'class') el.className = value
      else if (key.slice(0, 2) === 'on') el.addEventListener(key.slice(2), value)
      else el.setAttribute(key, value === true ? '' : value)
    })
    var children = Array.prototype.slice.call(arguments, 2).flat(Infinity)
    children.forEach(function (child) {
      if (child != null && child !== false) el.append(child)
    })
    return el
  }

  // Only http(s) links, resolved against the API's site (section URLs are paths like /offer/housing).
  function safeUrl (url) {
    try {
      var resolved = new URL(url, settings.apiBase || window.location.href)
      return /^https?:$/.test(resolved.protocol) ? resolved.href : null
    } catch (e) {
      return null
    }
  }

  // ---------------------------------------------------------------------------------------------
  // phoneLinks: tap to call. Every phone number in assistant text becomes a tel: link, built as
  // a DOM node around the text (the text is never parsed as HTML). Found: UK numbers (0... or
  // +44..., 8 to 11 digits, spaces or hyphens between), the 116 helplines (116 123), the
  // textphone prefix 18001 before a number, and the short codes 999, 112, 111 and 101. Not
  // linked: a number marked as a placeholder ("01709 000000 (placeholder — not a real contact
  // yet)"), or in braces. bot/offer/render.py does the same on the offer pages: keep the two in
  // step (tests/widget/phone_cases.py holds the cases both are tested with).
  // No lookbehind (older Safari cannot parse it): the character before a number is group 1.
  var PHONE = /(^|[^\w£$€/=.+{-])((?:18001 ?)?(?:\+44 ?(?:\(0\) ?)?|0)\d(?:[ -]?\d){6,9}|116 ?\d{3}|999|112|111|101)(?![\w%}]|[.,]\d)/g
  var NOT_A_NUMBER_YET = /^\s*[([]\s*(placeholder|not (a real|set|yet))/i

  function phoneLinks (text) {
    var parts = []
    var from = 0
    var match
    text = String(text || '')
    PHONE.lastIndex = 0
    while ((match = PHONE.exec(text))) {
      var start = match.index + match[1].length
      var end = start + match[2].length
      if (NOT_A_NUMBER_YET.test(text.slice(end))) continue
      parts.push(text.slice(from, start), h('a', {
        class: 'klo-tel', href: 'tel:' + match[2].replace('(0)', '').replace(/[^\d+]/g, '')
      }, match[2]))
      from = end
    }
    parts.push(text.slice(from))
    return parts.filter(function (part) { return part !== '' })
  }

  // ---------------------------------------------------------------------------------------------
  // markdown: the small subset the assistant sends, built as DOM nodes holding text only:
  // **bold**; paragraphs split by a blank line (a single line break is a space, as in Markdown,
  // except after a line that is all bold, which stands as a heading); "- " lines as list items;
  // phone numbers as tel: links.
  function inline (text) {
    return text.split(/\*\*(.+?)\*\*/g).map(function (part, i) {
      return i % 2 ? h('strong', null, phoneLinks(part)) : phoneLinks(part)
    }).flat()
  }

  function markdown (text) {
    var fragment = document.createDocumentFragment()
    String(text || '').split(/\n[ \t]*\n/).forEach(function (block) {
      var list = null
      var para = null
      block.split('\n').forEach(function (raw) {
        var item = /^\s*[-*] (.*)$/.exec(raw)
        var line = raw.trim()
        if (item) {
          para = null
          if (!list) fragment.append((list = h('ul')))
          list.append(h('li', null, inline(item[1].trim())))
        } else if (list && line && /^\s/.test(raw)) {
          list.lastChild.append.apply(list.lastChild, [' '].concat(inline(line))) // a wrapped item
        } else if (line) {
          list = null
          if (para) para.append(' ')
          else fragment.append((para = h('p')))
          para.append.apply(para, inline(line))
          if (/^\*\*[^*]+\*\*$/.test(line)) para = null
        }
      })
    })
    return fragment
  }

  // ---------------------------------------------------------------------------------------------
  // Api: JSON over fetch with a timeout. Every failure becomes an ApiError with a plain `detail`;
  // status 0 means the network failed or the request timed out.
  function ApiError (status, body) {
    this.status = status
    this.body = body || {}
    this.detail = (body && typeof body.detail === 'string' && body.detail) ||
      'The assistant could not be reached.'
  }

  function Api (base, timeout) {
    this.base = base
    this.timeout = timeout
  }

  Api.prototype.request = function (method, path, body) {
    var controller = new AbortController()
    var timer = setTimeout(function () { controller.abort() }, this.timeout)
    return fetch(this.base + path, {
      method: method,
      headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      signal: controller.signal,
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().catch(function () { return null }).then(function (json) {
        clearTimeout(timer)
        if (!response.ok) throw new ApiError(response.status, json)
        return json
      })
    }, function () {
      clearTimeout(timer)
      throw new ApiError(0, {
        detail: controller.signal.aborted
          ? 'The assistant took too long to answer.'
          : 'The assistant could not be reached. Please check your connection.'
      })
    })
  }

  // ---------------------------------------------------------------------------------------------
  // Store: this tab's conversation (session id and the transcript as data) in sessionStorage, so
  // it survives page loads. Quick exit clears it from sessionStorage and localStorage.
  function Store (key) {
    this.key = key
    this.state = this.load()
  }

  Store.prototype.fresh = function () {
    return { sessionId: null, items: [], open: false, feedback: { asked: false, sections: {} } }
  }

  Store.prototype.load = function () {
    try {
      var state = JSON.parse(window.sessionStorage.getItem(this.key))
      if (state && Array.isArray(state.items)) {
        if (!state.feedback || typeof state.feedback !== 'object') state.feedback = { asked: false, sections: {} }
        if (!state.feedback.sections) state.feedback.sections = {}
        return state
      }
    } catch (e) {}
    return this.fresh()
  }

  Store.prototype.save = function () {
    this.state.items = this.state.items.slice(-200)
    try { window.sessionStorage.setItem(this.key, JSON.stringify(this.state)) } catch (e) {}
  }

  Store.prototype.clear = function () {
    var key = this.key
    ;['sessionStorage', 'localStorage'].forEach(function (name) {
      try { window[name].removeItem(key) } catch (e) {}
    })
    this.state = this.fresh()
  }

  // ---------------------------------------------------------------------------------------------
  // Transcript: the role="log" polite live region. Messages are only ever appended, so a screen
  // reader announces each new message once and never re-reads the whole conversation.
  // Suggested replies are a toolbar: one Tab stop (the arrow keys, Home and End move within it),
  // so the text box is one Tab after the newest reply's buttons however many there are. Once
  // the person answers, earlier suggestions are spent: shown, but disabled.
  function Transcript () {
    var self = this
    this.el = h('div', {
      class: 'klo-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
      'aria-label': 'Conversation',
      onkeydown: function (event) { self.moveInReplies(event) },
      onfocusin: function (event) {
        var button = event.target.closest('.klo-replies[role="toolbar"] button')
        if (button) self.rove(button)
      }
    })
  }

  Transcript.prototype.add = function (item) {
    if (item.role === 'user') this.spend()
    var node = item.role === 'user' ? this.userMessage(item) : this.botMessage(item)
    this.el.append(node)
    return node
  }

  // Disable the suggested replies shown so far; returns them (a failed send gives them back).
  Transcript.prototype.spend = function () {
    var live = this.el.querySelectorAll('.klo-btn--reply:not([disabled])')
    Array.prototype.forEach.call(live, function (button) { button.disabled = true })
    return Array.prototype.slice.call(live)
  }

  // Roving tabindex: only the toolbar's current button is in the Tab order.
  Transcript.prototype.rove = function (current) {
    var buttons = current.parentNode.querySelectorAll('button')
    Array.prototype.forEach.call(buttons, function (button) {
      button.tabIndex = button === current ? 0 : -1
    })
  }

  Transcript.prototype.moveInReplies = function (event) {
    var button = event.target.closest('.klo-replies[role="toolbar"] button')
    if (!button) return
    var buttons = Array.prototype.slice.call(button.parentNode.querySelectorAll('button:not([disabled])'))
    var at = buttons.indexOf(button)
    var to = {
      ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1
    }[event.key]
    if (to == null || at < 0) return
    event.preventDefault()
    var next = buttons[(to + buttons.length) % buttons.length]
    this.rove(next)
    next.focus()
  }

  Transcript.prototype.clear = function () { this.el.replaceChildren() }

  Transcript.prototype.userMessage = function (item) {
    return h('div', { class: 'klo-msg klo-msg--user' },
      h('span', { class: 'klo-vh' }, 'You said: '), item.text)
  }

  Transcript.prototype.botMessage = function (item) {
    var self = this
    var kind = /^[a-z_]{1,30}$/.test(item.kind || '') ? item.kind : 'text'
    // One "Important" label heads a run of safety messages, not each of them.
    var last = this.el.lastElementChild
    var urgent = kind === 'safeguarding' && !(last && last.classList.contains('klo-msg--safeguarding'))
    var box = h('div', { class: 'klo-msg klo-msg--bot klo-msg--' + kind },
      urgent ? h('p', { class: 'klo-msg__label' }, 'Important') : null,
      h('span', { class: 'klo-vh' }, 'Assistant said: '),
      markdown(item.text))
    var sections = (item.sections || []).filter(function (s) { return s && safeUrl(s.url) })
    if (sections.length) {
      box.append(h('ul', { class: 'klo-cards' }, sections.map(function (s) {
        // A new tab, so the chat is not lost; said in the link's words, seen and heard.
        return h('li', { class: 'klo-card' },
          h('a', { class: 'klo-card__link', href: safeUrl(s.url), target: '_blank', rel: 'noopener' },
            s.title, h('span', { class: 'klo-card__newtab' }, ' (opens in new tab)')),
          h('span', { class: 'klo-card__hint' }, 'Kinship Local Offer page'),
          self.cardFeedback ? self.cardFeedback(s) : null)
      })))
    }
    var buttons = (item.buttons || []).filter(function (b) { return b && b.title && b.payload })
    if (buttons.length) {
      box.append(h('div', { class: 'klo-replies', role: 'toolbar', 'aria-label': 'Suggested replies' },
        buttons.map(function (b, i) {
          return h('button', {
            type: 'button', class: 'klo-btn klo-btn--reply', 'data-payload': b.payload, tabindex: i ? '-1' : '0'
          }, b.title)
        })))
    }
    return box
  }

  // ---------------------------------------------------------------------------------------------
  // Composer: the labelled text box and Send button. Enter sends; Shift+Enter starts a new line.
  function Composer (root) {
    var self = this
    this.root = root
    this.input = h('textarea', {
      id: 'klo-input', class: 'klo-input', rows: '2', maxlength: String(settings.maxChars),
      'aria-describedby': 'klo-input-hint', autocomplete: 'off',
      onkeydown: function (event) {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault()
          self.submit()
        }
      }
    })
    this.error = h('p', { id: 'klo-input-error', class: 'klo-field-error', hidden: true })
    this.el = h('form', {
      class: 'klo-composer', novalidate: true,
      onsubmit: function (event) { event.preventDefault(); self.submit() }
    },
    h('label', { class: 'klo-label', for: 'klo-input' }, 'Your message'),
    h('p', { id: 'klo-input-hint', class: 'klo-hint' }, 'Press Enter to send. Shift and Enter starts a new line.'),
    this.error,
    h('div', { class: 'klo-composer__row' },
      this.input,
      h('button', { type: 'submit', class: 'klo-btn klo-btn--primary' }, 'Send')))
  }

  Composer.prototype.submit = function () {
    var text = this.input.value.trim()
    if (!text) return this.showError('Type a message before sending.')
    this.showError(null)
    this.input.value = ''
    this.root.dispatchEvent(new CustomEvent('klo:send', { detail: { text: text } }))
  }

  Composer.prototype.showError = function (message) {
    this.error.textContent = message || ''
    this.error.hidden = !message
    if (message) {
      this.input.setAttribute('aria-invalid', 'true')
      this.input.setAttribute('aria-describedby', 'klo-input-error klo-input-hint')
    } else {
      this.input.removeAttribute('aria-invalid')
      this.input.setAttribute('aria-describedby', 'klo-input-hint')
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fallback: when the assistant cannot be reached the widget stays. It shows the Kinship
  // Navigators' contact routes and a short "leave a message" form (explicit consent first).
  // The message carries the short-lived token from /api/chat/config (the server takes one
  // without it only while the assistant is down); a 403 (token expired) fetches a fresh one
  // through `renewToken` and sends once more.
  function Fallback (api) {
    this.api = api
    this.privacy = ''
    this.token = null
    this.renewToken = function () { return Promise.resolve(null) }
    this.el = h('section', { class: 'klo-fallback', 'aria-labelledby': 'klo-fallback-title', hidden: true })
  }

  Fallback.prototype.contact = function (c) {
    var mark = c.placeholder ? ' (placeholder)' : ''
    return h('li', { class: 'klo-contact' },
      h('strong', null, c.name || 'Kinship Navigators'),
      c.phone ? h('span', { class: 'klo-contact__line' }, 'Phone: ',
        c.placeholder ? c.phone : h('a', { href: 'tel:' + c.phone.replace(/[^\d+]/g, '') }, c.phone), mark) : null,
      c.email ? h('span', { class: 'klo-contact__line' }, 'Email: ',
        c.placeholder ? c.email : h('a', { href: 'mailto:' + c.email }, c.email), mark) : null,
      c.hours ? h('span', { class: 'klo-contact__line' }, c.hours) : null)
  }

  Fallback.prototype.field = function (id, label, control, hint) {
    return h('div', { class: 'klo-field' },
      h('label', { class: 'klo-label', for: id }, label),
      hint ? h('p', { class: 'klo-hint', id: id + '-hint' }, hint) : null,
      h('p', { class: 'klo-field-error', id: id + '-error', hidden: true }),
      control)
  }

  Fallback.prototype.show = function (contacts) {
    if (!this.el.hidden) return
    var self = this
    this.name = h('input', { id: 'klo-fb-name', class: 'klo-input', type: 'text', autocomplete: 'name' })
    this.contactInput = h('input', {
      id: 'klo-fb-contact', class: 'klo-input', type: 'text', autocomplete: 'email',
      'aria-describedby': 'klo-fb-contact-hint'
    })
    this.message = h('textarea', { id: 'klo-fb-message', class: 'klo-input', rows: '4', maxlength: String(settings.maxChars) })
    this.consent = h('input', { id: 'klo-fb-consent', class: 'klo-check__input', type: 'checkbox' })
    this.result = h('div', { class: 'klo-fb-result', role: 'status' })
    this.form = h('form', {
      class: 'klo-fb-form', novalidate: true,
      onsubmit: function (event) { event.preventDefault(); self.submit() }
    },
    h('h3', { class: 'klo-subheading' }, 'Leave a message'),
    this.field('klo-fb-name', 'Your name (optional)', this.name),
    this.field('klo-fb-contact', 'Phone number or email address', this.contactInput,
      'So a Kinship Navigator can get back to you.'),
    this.field('klo-fb-message', 'What would you like help with?', this.message),
    h('div', { class: 'klo-field' },
      h('p', { class: 'klo-field-error', id: 'klo-fb-consent-error', hidden: true }),
      h('div', { class: 'klo-check' }, this.consent,
        h('label', { for: 'klo-fb-consent' },
          'I agree that the council can keep these details to reply to me.')),
      this.privacy ? h('p', { class: 'klo-hint' }, this.privacy) : null),
    h('button', { type: 'submit', class: 'klo-btn klo-btn--primary' }, 'Send message'))
    this.el.replaceChildren(
      h('h3', { id: 'klo-fallback-title', class: 'klo-subheading' }, 'Contact a Kinship Navigator'),
      h('p', null, 'The assistant cannot answer right now. You can contact the Kinship Navigators, or leave a message and they will get back to you.'),
      h('ul', { class: 'klo-contacts' }, contacts.map(this.contact)),
      this.form, this.result)
    this.el.hidden = false
  }

  Fallback.prototype.fieldError = function (control, id, message) {
    var error = document.getElementById(id + '-error')
    error.textContent = message || ''
    error.hidden = !message
    if (message) control.setAttribute('aria-invalid', 'true')
    else control.removeAttribute('aria-invalid')
    var base = control.getAttribute('data-describedby')
    if (base == null) control.setAttribute('data-describedby', (base = control.getAttribute('aria-describedby') || ''))
    var ids = ((message ? id + '-error ' : '') + base).trim()
    if (ids) control.setAttribute('aria-describedby', ids)
    else control.removeAttribute('aria-describedby')
    return !message
  }

  Fallback.prototype.submit = function () {
    var self = this
    var contact = this.contactInput.value.trim()
    var message = this.message.value.trim()
    var checks = [
      this.fieldError(this.contactInput, 'klo-fb-contact', contact ? null : 'Enter a phone number or email address.'),
      this.fieldError(this.message, 'klo-fb-message', message ? null : 'Enter your message.'),
      this.fieldError(this.consent, 'klo-fb-consent', this.consent.checked ? null : 'Tick the box to agree, so we can keep your details to reply.')
    ]
    var first = [this.contactInput, this.message, this.consent][checks.indexOf(false)]
    if (first) return first.focus()
    var body = { contact: contact, message: message, consent: true }
    if (this.name.value.trim()) body.name = this.name.value.trim()
    this.result.textContent = 'Sending your message…'
    var send = function () {
      if (self.token) body.token = self.token
      return self.api.request('POST', '/api/chat/fallback-enquiry', body)
    }
    send().catch(function (error) {
      if (error.status !== 403) throw error
      return self.renewToken().then(function (token) {
        if (!token) throw error
        return send()
      }, function () { throw error })
    }).then(function (reply) {
      self.form.remove()
      self.result.replaceChildren(h('p', { class: 'klo-success', tabindex: '-1' },
        'Your message has been sent to the Kinship Navigators. Your reference is ',
        h('strong', null, (reply && reply.reference) || 'not available'), '. ',
        (reply && reply.expected_contact) || ''))
      self.result.firstChild.focus()
    }, function (error) {
      // 409: the assistant is working again (the detail says so, with the contact routes).
      self.result.textContent = 'Your message could not be sent: ' + error.detail +
        (error.status === 409 ? '' : ' Please try again, or use the phone number or email above.')
    })
  }

  // ---------------------------------------------------------------------------------------------
  // Feedback: "Did this help?" for the conversation (yes/no, then an optional comment) and
  // "Was this useful?" on section cards. Answers go to POST /api/chat/sessions/{id}/feedback;
  // "Thank you" is announced in the status live region. Words: /api/chat/feedback/phrases.
  var FEEDBACK_WORDS = {
    question: 'Did this chat help you?',
    yes: 'Yes',
    no: 'No',
    comment_label: 'Anything else you want to tell us? This is optional. Please do not put names, phone numbers or addresses here.',
    send: 'Send',
    skip: 'Skip',
    thanks: 'Thank you for your feedback.',
    section_question: 'Was this useful?',
    end_texts: []
  }

  function Feedback (widget) {
    this.widget = widget
    this.words = Object.assign({}, FEEDBACK_WORDS)
    this.el = h('section', { class: 'klo-feedback', 'aria-labelledby': 'klo-feedback-q', hidden: true })
  }

  Feedback.prototype.load = function (api) {
    var self = this
    api.request('GET', '/api/chat/feedback/phrases').then(function (words) {
      Object.keys(FEEDBACK_WORDS).forEach(function (key) {
        var value = words && words[key]
        if (key === 'end_texts' ? Array.isArray(value) : typeof value === 'string' && value) self.words[key] = value
      })
    }, function () {})
  }

  Feedback.prototype.state = function () { return this.widget.store.state.feedback }

  Feedback.prototype.post = function (body) {
    var id = this.widget.store.state.sessionId
    if (!id) return Promise.resolve()
    return this.widget.api.request('POST', '/api/chat/sessions/' + encodeURIComponent(id) + '/feedback', body)
      .catch(function () {}) // feedback is optional: a failure is not shown
  }

  Feedback.prototype.thank = function () {
    this.widget.status.textContent = ''
    var status = this.widget.status
    var words = this.words
    setTimeout(function () { status.textContent = words.thanks }, 50)
  }

  // Is this reply the natural end of a conversation (goodbye, thanks, or an enquiry sent)?
  Feedback.prototype.isEnd = function (message) {
    if (message.kind === 'enquiry_sent') return true
    var text = String(message.text || '').trim()
    return this.words.end_texts.some(function (end) { return end && text === String(end).trim() })
  }

  // The yes/no group under a section card (or its thanks, if already answered).
  Feedback.prototype.card = function (section) {
    var self = this
    var done = this.state().sections[section.id]
    if (done) return h('p', { class: 'klo-card__feedback klo-hint' }, this.words.thanks)
    var group = h('div', { class: 'klo-card__feedback', role: 'group', 'aria-label': this.words.section_question + ' ' + section.title },
      h('span', { class: 'klo-card__question', 'aria-hidden': 'true' }, this.words.section_question),
      [[true, this.words.yes], [false, this.words.no]].map(function (choice) {
        return h('button', {
          type: 'button', class: 'klo-btn klo-btn--small', 'data-feedback-section': section.id,
          onclick: function (event) { self.answerCard(section, choice[0], event.currentTarget) }
        }, choice[1])
      }))
    return group
  }

  Feedback.prototype.answerCard = function (section, helpful, button) {
    var group = button.closest('.klo-card__feedback')
    var card = button.closest('.klo-card')
    this.state().sections[section.id] = true
    this.widget.store.save()
    this.post({ helpful: helpful, section_id: section.id })
    group.replaceWith(h('p', { class: 'klo-card__feedback klo-hint', 'aria-hidden': 'true' }, this.words.thanks))
    var link = card && card.querySelector('a')
    if (link) link.focus()
    this.thank()
  }

  // The end-of-conversation question. `fromClose`: asked because the person closed the panel.
  Feedback.prototype.ask = function (fromClose) {
    var self = this
    var state = this.state()
    if (state.asked || !this.widget.store.state.sessionId) return false
    state.asked = true
    this.widget.store.save()
    this.fromClose = !!fromClose
    var heading = h('h3', { id: 'klo-feedback-q', class: 'klo-subheading', tabindex: '-1' }, this.words.question)
    this.el.replaceChildren(heading,
      h('div', { class: 'klo-replies', role: 'group', 'aria-labelledby': 'klo-feedback-q' },
        h('button', { type: 'button', class: 'klo-btn klo-btn--secondary', onclick: function () { self.answer(true) } }, this.words.yes),
        h('button', { type: 'button', class: 'klo-btn klo-btn--secondary', onclick: function () { self.answer(false) } }, this.words.no),
        h('button', { type: 'button', class: 'klo-btn klo-btn--link', onclick: function () { self.finish(false) } }, this.words.skip)))
    this.el.hidden = false
    if (fromClose) heading.focus()
    else this.widget.status.textContent = this.words.question
    this.widget.scrollToEnd(this.el)
    return true
  }

  Feedback.prototype.answer = function (helpful) {
    var self = this
    this.helpful = helpful
    this.post({ helpful: helpful })
    var comment = h('textarea', { id: 'klo-feedback-comment', class: 'klo-input', rows: '3', maxlength: '500' })
    var form = h('form', {
      class: 'klo-feedback__form', novalidate: true,
      onsubmit: function (event) {
        event.preventDefault()
        var text = comment.value.trim()
        if (text) self.post({ helpful: self.helpful, comment: text.slice(0, 500) })
        self.finish(true)
      }
    },
    h('label', { class: 'klo-label', for: 'klo-feedback-comment' }, this.words.comment_label),
    comment,
    h('div', { class: 'klo-replies' },
      h('button', { type: 'submit', class: 'klo-btn klo-btn--primary' }, this.words.send),
      h('button', { type: 'button', class: 'klo-btn klo-btn--link', onclick: function () { self.finish(true) } }, this.words.skip)))
    this.el.replaceChildren(h('h3', { id: 'klo-feedback-q', class: 'klo-subheading' }, this.words.question), form)
    comment.focus()
  }

  Feedback.prototype.finish = function (answered) {
    var closing = this.fromClose
    if (answered) {
      var thanks = h('p', { class: 'klo-success', tabindex: '-1' }, this.words.thanks)
      this.el.replaceChildren(thanks)
      this.thank()
      if (!closing) thanks.focus()
    } else {
      this.el.hidden = true
      this.el.replaceChildren()
    }
    if (closing) this.widget.close()
    else if (!answered) this.widget.composer.input.focus()
  }

  Feedback.prototype.reset = function () {
    this.el.hidden = true
    this.el.replaceChildren()
  }

  // ---------------------------------------------------------------------------------------------
  // SummaryLink: "Save or print what I've found". POST /api/chat/sessions/{id}/summary gives a new,
  // unguessable link to a one-page, printable summary of the offer sections this chat has shown
  // (bot/chat/summary.py). It opens in a new tab (noopener), and the link stays in the panel too,
  // for a browser that blocked the new tab and to open it again. The link is kept in the page only
  // (never in sessionStorage), so Quick exit, Clear this chat and a reload leave no trace of it;
  // on the server it stops working when the chat ends.
  function SummaryLink (widget) {
    this.widget = widget
    this.busy = false
    this.el = h('div', { class: 'klo-summary', hidden: true })
  }

  SummaryLink.prototype.button = function () {
    var self = this
    return h('button', {
      type: 'button', class: 'klo-btn klo-btn--secondary klo-btn--summary', onclick: function () { self.make() }
    }, 'Save or print what I\'ve found', h('span', { class: 'klo-vh' }, ' (opens in new tab)'))
  }

  SummaryLink.prototype.make = function () {
    var self = this
    var widget = this.widget
    if (this.busy) return Promise.resolve()
    this.busy = true
    widget.clearError()
    var id = widget.store.state.sessionId
    return (id ? Promise.resolve(id) : widget.newSession()).then(function (sessionId) {
      return widget.api.request('POST', '/api/chat/sessions/' + encodeURIComponent(sessionId) + '/summary')
    }).then(function (reply) {
      self.busy = false
      var url = reply && typeof reply.url === 'string' ? safeUrl(reply.url) : null
      if (!url) throw new ApiError(0, { detail: 'The summary could not be made.' })
      self.show(url)
      window.open(url, '_blank', 'noopener')
    }).catch(function (error) {
      self.busy = false
      widget.error.replaceChildren(h('p', null, 'Your summary could not be made. ', phoneLinks(error.detail)))
      widget.scrollToEnd(widget.error)
    })
  }

  SummaryLink.prototype.show = function (url) {
    var link = h('a', { class: 'klo-summary__link', href: url, target: '_blank', rel: 'noopener' },
      'Open your summary', h('span', { class: 'klo-card__newtab' }, ' (opens in new tab)'))
    this.el.replaceChildren(
      h('p', null, 'Your summary is ready. ', link),
      h('p', { class: 'klo-hint' }, 'Print it or save it as a PDF to keep it: the link stops working when this chat ends.'))
    this.el.hidden = false
    this.widget.status.textContent = 'Your summary is ready. It opens in a new tab.'
    this.widget.scrollToEnd(this.el)
    link.focus({ preventScroll: true })
  }

  SummaryLink.prototype.reset = function () {
    this.el.hidden = true
    this.el.replaceChildren()
  }

  // ---------------------------------------------------------------------------------------------
  // QuickExit: the GOV.UK "Exit this page" pattern. The button, or Shift pressed three times
  // within 5 seconds, clears the conversation from the page and from storage at once and replaces
  // the location with a neutral site (location.replace, so Back does not return here).
  function QuickExit (onExit, announce) {
    var self = this
    this.onExit = onExit
    this.announce = announce
    this.count = 0
    this.active = false
    this.lastKeyWasModified = false
    document.addEventListener('keyup', function (event) { self.keyup(event) }, true)
  }

  QuickExit.prototype.button = function () {
    var self = this
    return h('button', { type: 'button', class: 'klo-btn klo-btn--exit', onclick: function () { self.exit() } },
      'Exit this page')
  }

  QuickExit.prototype.keyup = function (event) {
    if (!this.active) return
    if (event.key === 'Shift' && !this.lastKeyWasModified) {
      this.count += 1
      clearTimeout(this.timer)
      if (this.count >= 3) return this.exit()
      this.announce('Shift, press ' + (3 - this.count) + ' more ' + (this.count === 2 ? 'time' : 'times') + ' to exit.')
      var self = this
      this.timer = setTimeout(function () { self.count = 0; self.announce('') }, 5000)
    } else if (this.count) {
      clearTimeout(this.timer)
      this.count = 0
    }
    this.lastKeyWasModified = event.shiftKey
  }

  QuickExit.prototype.exit = function () {
    this.onExit()
    document.body.style.display = 'none'
    if (this.leave) return this.leave(settings.exitUrl) // the chat in a frame: FrameLink
    window.location.replace(settings.exitUrl)
  }

  // ---------------------------------------------------------------------------------------------
  // FrameLink: the chat as the whole page (data-embed="page", the app's /chat/embed), in an
  // iframe that embed.js puts on the council's page. The conversation is then kept in the app's
  // own storage, where the council page's scripts cannot read it. The two talk by postMessage,
  // each taking messages only from the other's window: embed.js sends klo:open (move focus to
  // the text box) and klo:exit (Quick exit used on the council's page: forget the conversation);
  // this page sends klo:close (the close button, or Escape) and klo:exit (Quick exit here).
  // Quick exit here forgets the conversation, then embed.js takes the whole page (the top
  // window) to the neutral site. In an iframe without embed.js, or opened on its own, this page
  // takes the top window there itself (browsers allow a frame that after a click or key press);
  // if that is refused, the frame at least leaves.
  function FrameLink (widget) {
    var self = this
    this.parent = window.parent !== window ? window.parent : null
    this.hostOrigin = null // known from embed.js's first message
    window.addEventListener('message', function (event) {
      var type = event.data && event.data.type
      if (!self.parent || event.source !== self.parent || !/^klo:(open|exit)$/.test(type)) return
      self.hostOrigin = event.origin
      if (type === 'klo:open') widget.open(true)
      else widget.quickExit.exit()
    })
  }

  FrameLink.prototype.post = function (type) {
    if (!this.parent || !this.hostOrigin) return false
    this.parent.postMessage({ type: type }, this.hostOrigin)
    return true
  }

  FrameLink.prototype.leave = function (url) {
    if (this.post('klo:exit')) return
    try {
      window.top.location.replace(url)
    } catch (e) {
      window.location.replace(url)
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Widget: builds the launcher and the panel, opens and closes it (Escape closes and focus goes
  // back to the launcher; there is no focus trap), and runs each turn of the conversation.
  function Widget () {
    var self = this
    this.api = new Api(settings.apiBase, settings.timeout)
    this.store = new Store(settings.storageKey)
    this.transcript = new Transcript()
    this.fallback = new Fallback(this.api)
    this.fallback.renewToken = function () {
      return self.api.request('GET', '/api/chat/config').then(function (config) {
        return (self.fallback.token = (config && config.fallback_token) || null)
      })
    }
    this.feedback = new Feedback(this)
    this.summary = new SummaryLink(this)
    this.transcript.cardFeedback = function (section) { return self.feedback.card(section) }
    this.config = null
    this.busy = false
    this.root = h('aside', { class: settings.page ? 'klo klo--page' : 'klo', 'aria-label': settings.title })
    this.composer = new Composer(this.root)
    this.status = h('div', { class: 'klo-vh', role: 'status' })
    this.quickExit = new QuickExit(function () { self.forget() }, function (text) { self.status.textContent = text })

    this.launcher = h('button', {
      type: 'button', class: 'klo-launcher', 'aria-expanded': 'false', 'aria-controls': 'klo-panel',
      onclick: function () { self.panel.hidden ? self.open(true) : self.close() }
    }, h('span', { class: 'klo-launcher__icon', 'aria-hidden': 'true' }), settings.launcherText)

    this.banner = h('p', { class: 'klo-banner', hidden: true })
    this.privacy = h('p', { class: 'klo-privacy', hidden: true })
    this.typing = h('p', { class: 'klo-typing', hidden: true },
      h('span', { class: 'klo-typing__dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
      ' The assistant is writing a reply')
    this.error = h('div', { class: 'klo-error', role: 'alert' })
    this.about = h('p', { class: 'klo-about' },
      h('a', { href: safeUrl(settings.accessibilityUrl), target: '_blank', rel: 'noopener' },
        'Accessibility statement (opens in new tab)'))
    this.body = h('div', { class: 'klo-body', tabindex: '0', 'aria-label': 'Conversation and help' },
      this.about, this.banner, this.privacy, this.transcript.el, this.typing, this.error, this.summary.el, this.feedback.el, this.fallback.el)

    this.panel = h('div', {
      id: 'klo-panel', class: 'klo-panel', role: 'dialog', 'aria-labelledby': 'klo-title', hidden: true,
      onkeydown: function (event) {
        if (event.key === 'Escape' || event.key === 'Esc') { event.stopPropagation(); self.close() }
      }
    },
    (this.header = h('div', { class: 'klo-header' },
      h('h2', { id: 'klo-title', class: 'klo-title' }, settings.title),
      this.quickExit.button(),
      h('button', {
        type: 'button', class: 'klo-btn klo-btn--close', 'aria-label': 'Close chat',
        hidden: settings.page && window.parent === window, // the whole page, not in a frame
        onclick: function () { self.closeAsking() }
      }, '×'))),
    this.body,
    // The text box comes straight after the conversation (so one Tab from the newest reply's
    // buttons), then the fixed actions.
    this.composer.el,
    h('div', { class: 'klo-actions' },
      h('button', {
        type: 'button', class: 'klo-btn klo-btn--secondary',
        onclick: function () { self.send({ payload: settings.humanPayload, text: 'Talk to a person' }) }
      }, 'Talk to a person'),
      h('button', { type: 'button', class: 'klo-btn klo-btn--secondary', onclick: function () { self.restart() } },
        'Start again'),
      h('button', { type: 'button', class: 'klo-btn klo-btn--secondary', onclick: function () { self.clearChat() } },
        'Clear this chat'),
      this.summary.button()))

    if (!settings.page) this.root.append(this.launcher)
    this.root.append(this.panel, this.status)
    // Suggested replies, including restored ones, work through one delegated listener. Focus
    // leaves the pressed (now spent) button for the text box, which is always in view.
    this.transcript.el.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-payload]')
      if (!button || button.disabled || self.busy) return
      self.composer.input.focus({ preventScroll: true })
      self.send({ payload: button.getAttribute('data-payload'), text: button.textContent })
    })
    // An "Exit this page" link of the host page (the offer pages have one) works as ours does,
    // and so does Shift pressed three times while it is on the page.
    this.pageExits = document.querySelectorAll('a.js-klo-exit')
    Array.prototype.forEach.call(this.pageExits, function (link) {
      link.addEventListener('click', function (event) { event.preventDefault(); self.quickExit.exit() })
    })
    this.root.addEventListener('klo:send', function (event) { self.send(event.detail) })

    // Restore this tab's conversation before the log is in the page, so nothing is re-announced.
    this.store.state.items.forEach(function (item) { self.transcript.add(item) })
    this.quickExit.active = this.store.state.items.length > 0 || this.store.state.open || this.pageExits.length > 0
    document.body.append(this.root)
    if (settings.page) {
      this.frame = new FrameLink(this)
      this.quickExit.leave = function (url) { self.frame.leave(url) }
      this.open(false)
    } else if (this.store.state.open) this.open(false)
  }

  Widget.prototype.open = function (moveFocus) {
    this.panel.hidden = false
    this.launcher.setAttribute('aria-expanded', 'true')
    this.root.classList.add('klo--open')
    this.quickExit.active = true
    this.store.state.open = true
    this.store.save()
    this.loadConfig()
    this.scrollToEnd()
    if (moveFocus) this.composer.input.focus()
  }

  Widget.prototype.close = function () {
    if (settings.page) return this.frame.post('klo:close') // embed.js closes the frame
    this.panel.hidden = true
    this.launcher.setAttribute('aria-expanded', 'false')
    this.root.classList.remove('klo--open')
    this.store.state.open = false
    this.store.save()
    this.launcher.focus()
  }

  // The close button: the first time after 2 or more turns, ask "Did this help?" first.
  Widget.prototype.closeAsking = function () {
    var turns = this.store.state.items.filter(function (item) { return item.role === 'user' }).length
    if (turns >= 2 && this.feedback.ask(true)) return
    this.close()
  }

  Widget.prototype.loadConfig = function () {
    var self = this
    if (this.configRequest) return
    this.feedback.load(this.api)
    this.configRequest = this.api.request('GET', '/api/chat/config').then(function (config) {
      self.config = config || {}
      if (self.config.out_of_hours && self.config.out_of_hours_message) {
        self.banner.replaceChildren.apply(self.banner, phoneLinks(self.config.out_of_hours_message))
        self.banner.hidden = false
      }
      self.fallback.privacy = self.config.privacy_notice || ''
      self.fallback.token = self.config.fallback_token || null
      self.showPrivacy()
    }, function () { self.configRequest = null })
  }

  // The short privacy notice is shown before the first message.
  Widget.prototype.showPrivacy = function () {
    var notice = this.config && this.config.privacy_notice
    this.privacy.textContent = notice || ''
    this.privacy.hidden = !notice || this.store.state.items.length > 0
  }

  Widget.prototype.remember = function (item) {
    this.store.state.items.push(item)
    this.store.save()
  }

  // Scroll whichever part scrolls (the message area; on a short screen the whole panel) to show
  // `node`'s top, or the end. With `keep` (the element that will have focus), `keep` must end up
  // in view too, even if the top of a long reply then scrolls out of sight.
  Widget.prototype.scroller = function () {
    return this.body.scrollHeight > this.body.clientHeight + 1 ? this.body : this.panel
  }

  Widget.prototype.scrollToEnd = function (node, keep) {
    var scroller = this.scroller()
    if (!node) return (scroller.scrollTop = scroller.scrollHeight)
    var box = scroller.getBoundingClientRect()
    var top = box.top + (scroller === this.panel ? this.header.offsetHeight : 0)
    var bottom = scroller === this.panel ? box.bottom - this.composer.el.offsetHeight : box.bottom
    scroller.scrollTop += node.getBoundingClientRect().top - top - 8
    var below = keep ? keep.getBoundingClientRect().bottom - bottom + 8 : 0
    if (below > 0) scroller.scrollTop += below
  }

  // After a reply, focus goes to it without scrolling the page: to the first of its suggested
  // replies when it has some (Enter answers; one Tab reaches the text box), else to the reply.
  Widget.prototype.focusReply = function (nodes) {
    if (!nodes.length) return
    var buttons = null
    nodes.forEach(function (node) { buttons = node.querySelector('.klo-btn--reply') || buttons })
    var target = buttons || nodes[0]
    if (!buttons) target.setAttribute('tabindex', '-1')
    this.scrollToEnd(nodes[0], target)
    target.focus({ preventScroll: true })
  }

  Widget.prototype.setBusy = function (busy) {
    this.busy = busy
    this.typing.hidden = !busy
    if (busy) this.scrollToEnd()
  }

  Widget.prototype.newSession = function () {
    var self = this
    return this.api.request('POST', '/api/chat/sessions').then(function (reply) {
      self.store.state.sessionId = reply.session_id
      self.store.state.feedback = { asked: false, sections: {} } // a new conversation
      self.store.save()
      return reply.session_id
    })
  }

  // One turn: a known session (a new one when there is none, the server no longer knows it
  // (404), or it has ended after a quiet while (410)).
  Widget.prototype.post = function (body) {
    var self = this
    var turn = function (id) {
      return self.api.request('POST', '/api/chat/sessions/' + encodeURIComponent(id) + '/messages', body)
    }
    var id = this.store.state.sessionId
    if (!id) return this.newSession().then(turn)
    return turn(id).catch(function (error) {
      if (error.status !== 404 && error.status !== 410) throw error
      if (error.status === 410) self.status.textContent = 'The earlier chat had ended, so a new one was started.'
      return self.newSession().then(turn)
    })
  }

  // Send typed text ({text}) or a button ({payload, text: its title}).
  Widget.prototype.send = function (message, options) {
    var self = this
    options = options || {}
    if (this.busy) return Promise.resolve()
    this.clearError()
    this.summary.reset()
    this.setBusy(true)
    var item = { role: 'user', text: message.text }
    var spent = this.transcript.spend()
    var node = options.restart ? null : this.transcript.add(item)
    this.privacy.hidden = true
    if (node) this.scrollToEnd()
    var body = message.payload ? { payload: message.payload } : { text: message.text }
    return this.post(body).then(function (reply) {
      if (options.restart) self.clearConversation(true)
      else self.remember(item)
      self.fallback.el.hidden = true
      var added = (reply.messages || []).map(function (m) {
        var botItem = { role: 'bot', text: m.text, kind: m.kind, buttons: m.buttons || [], sections: m.sections || [] }
        self.remember(botItem)
        return self.transcript.add(botItem)
      })
      self.setBusy(false)
      if (added.length) self.focusReply(added)
      else self.scrollToEnd(node)
      if ((reply.messages || []).some(function (m) { return self.feedback.isEnd(m) })) self.feedback.ask(false)
    }, function (error) {
      self.setBusy(false)
      if (node) node.remove()
      spent.forEach(function (button) { button.disabled = false })
      if (options.restart) {
        // Start again still clears what is on the page; the next message starts a new session.
        self.clearConversation(false)
        return
      }
      // The typed text is not lost: it goes back in the text box, and Try again resends it.
      if (!message.payload && !self.composer.input.value) self.composer.input.value = message.text
      self.showError(error, message)
    })
  }

  Widget.prototype.restart = function () {
    return this.send({ payload: settings.restartPayload, text: 'Start again' }, { restart: true })
  }

  // Clear this chat: the server ends the conversation (its id is refused from then on) and this
  // tab forgets it. Cleared here even when the server cannot be reached (the chat then ends by
  // itself after CHAT_SESSION_IDLE_HOURS).
  Widget.prototype.clearChat = function () {
    var self = this
    var id = this.store.state.sessionId
    var ending = id
      ? this.api.request('POST', '/api/chat/sessions/' + encodeURIComponent(id) + '/end').catch(function () {})
      : Promise.resolve()
    this.clearError()
    this.fallback.el.hidden = true
    this.clearConversation(false)
    this.composer.input.focus({ preventScroll: true })
    return ending.then(function () {
      self.status.textContent = 'This chat was cleared and has ended. What you type next starts a new chat.'
    })
  }

  Widget.prototype.clearConversation = function (keepSession) {
    this.transcript.clear()
    this.feedback.reset()
    this.summary.reset()
    this.store.state.items = []
    if (!keepSession) this.store.state.sessionId = null
    this.store.save()
    this.showPrivacy()
    this.status.textContent = 'The conversation was cleared.'
  }

  Widget.prototype.clearError = function () { this.error.replaceChildren() }

  Widget.prototype.showError = function (error, message) {
    var self = this
    var unreachable = error.status === 0 || error.status >= 500
    var retry = unreachable || error.status === 429
    this.error.replaceChildren(
      h('p', null, phoneLinks(error.detail)),
      retry ? h('button', {
        type: 'button', class: 'klo-btn klo-btn--secondary',
        onclick: function () {
          if (!message.payload) self.composer.input.value = ''
          self.send(message)
        }
      }, 'Try again') : null)
    if (unreachable) {
      var contacts = error.body && Array.isArray(error.body.contacts) && error.body.contacts.length
        ? error.body.contacts
        : (this.config && this.config.navigators ? [this.config.navigators] : [{ name: 'Kinship Navigators' }])
      this.fallback.show(contacts)
    }
    this.scrollToEnd(this.error)
  }

  // Quick exit: forget everything at once, from storage and from the page.
  Widget.prototype.forget = function () {
    this.store.clear()
    this.transcript.clear()
    this.root.remove()
  }

  window.KinshipChatWidget = { settings: settings }

  function start () {
    var link = h('link', { rel: 'stylesheet', href: new URL('widget.css', script.src).href })
    document.head.append(link)
    window.KinshipChatWidget.widget = new Widget()
  }

  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start)
})()
