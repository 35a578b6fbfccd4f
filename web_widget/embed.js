/*
 * Kinship Local Offer chat — the iframe embed, for the council's site (security issue #16).
 *
 *   <script src="https://chat.example.gov.uk/widget/embed.js" defer></script>
 *
 * Instead of running the chat in the council's page (widget.js), this puts the same launcher
 * button on the page and, when it is pressed, shows the chat from the app's own site in a frame
 * (the app's /chat/embed page: widget.js with data-embed="page"). The conversation (session id
 * and transcript) is then kept in the app's storage, which the council page's own scripts
 * (analytics and the like) cannot read; this script keeps nothing at all. The app's
 * FRAME_ANCESTORS setting must list the council's site, or the browser refuses the frame.
 *
 * Settings (data-* on that script tag, all optional):
 *   data-title           the frame's title, read out by screen readers (default "Kinship support chat")
 *   data-launcher-text   the launcher button's words (default "Ask about kinship support")
 *   data-exit-url        where Quick exit takes the whole page (default https://www.bbc.co.uk/weather)
 *
 * Keyboard: the launcher opens the chat and moves focus into it, to the text box; Escape or the
 * chat's close button closes it, and focus goes back to the launcher. Quick exit — "Exit this
 * page" in the chat, Shift pressed three times (in the chat, or on this page once the chat has
 * been opened), or a link on this page with the class js-klo-exit — makes the chat forget the
 * conversation and replaces this page with the neutral site (location.replace, so Back does not
 * return here).
 *
 * This script and the frame talk by postMessage (FrameLink in widget.js): a message is taken only
 * from the frame's window and the app's origin, and sent only to the app's origin.
 */
(function () {
  'use strict'

  var script = document.currentScript
  if (!script || window.KinshipChatEmbed) return

  var data = script.dataset
  var chat = new URL('/chat/embed', script.src)
  var settings = {
    title: data.title || 'Kinship support chat',
    launcherText: data.launcherText || 'Ask about kinship support',
    exitUrl: data.exitUrl || 'https://www.bbc.co.uk/weather'
  }
  // The frame may run its scripts with the app origin's own storage, send its forms (by
  // script), open links (offer pages, the summary) in new tabs as ordinary pages, and take the
  // whole page away only straight after a click or key press in it. Nothing else.
  var SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups ' +
    'allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation'

  function h (tag, attrs) {
    var el = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key]
      if (key.slice(0, 2) === 'on') el.addEventListener(key.slice(2), value)
      else if (key === 'class') el.className = value
      else if (value === true) el.setAttribute(key, '')
      else el.setAttribute(key, value)
    })
    Array.prototype.slice.call(arguments, 2).forEach(function (child) { el.append(child) })
    return el
  }

  function Embed () {
    var self = this
    this.frame = null
    this.loaded = false
    this.shifts = 0
    this.lastKeyWasModified = false
    this.pageExits = document.querySelectorAll('a.js-klo-exit')
    this.active = this.pageExits.length > 0 // Shift three times: once the chat is or was open
    this.status = h('div', { class: 'klo-vh', role: 'status' })
    this.launcher = h('button', {
      type: 'button', class: 'klo-launcher', 'aria-expanded': 'false', 'aria-controls': 'klo-embed-panel',
      onclick: function () { self.panel.hidden ? self.open() : self.close() }
    }, h('span', { class: 'klo-launcher__icon', 'aria-hidden': 'true' }), settings.launcherText)
    this.panel = h('div', { id: 'klo-embed-panel', class: 'klo-panel klo-embed__panel', hidden: true })
    this.root = h('aside', {
      class: 'klo klo-embed', 'aria-label': settings.title,
      onkeydown: function (event) {
        if ((event.key === 'Escape' || event.key === 'Esc') && !self.panel.hidden) self.close()
      }
    }, this.launcher, this.panel, this.status)

    window.addEventListener('message', function (event) {
      if (!self.frame || event.source !== self.frame.contentWindow || event.origin !== chat.origin) return
      var type = event.data && event.data.type
      if (type === 'klo:close') self.close()
      else if (type === 'klo:exit') self.leave()
    })
    document.addEventListener('keyup', function (event) { self.keyup(event) }, true)
    Array.prototype.forEach.call(this.pageExits, function (link) {
      link.addEventListener('click', function (event) { event.preventDefault(); self.exit() })
    })
    document.body.append(this.root)
  }

  Embed.prototype.tell = function (type) {
    if (this.frame && this.loaded) this.frame.contentWindow.postMessage({ type: type }, chat.origin)
  }

  // The frame is made on the first open, so the app is not asked for anything until then.
  Embed.prototype.open = function () {
    var self = this
    if (!this.frame) {
      this.frame = h('iframe', {
        class: 'klo-embed__frame', title: settings.title, sandbox: SANDBOX,
        referrerpolicy: 'no-referrer', src: chat.href
      })
      this.frame.addEventListener('load', function () {
        self.loaded = true
        if (!self.panel.hidden) self.tell('klo:open')
      })
      this.panel.append(this.frame)
    }
    this.panel.hidden = false
    this.launcher.setAttribute('aria-expanded', 'true')
    this.root.classList.add('klo--open')
    this.active = true
    this.frame.focus()
    this.tell('klo:open') // the chat moves focus to its text box (once loaded: see above)
  }

  Embed.prototype.close = function () {
    if (this.panel.hidden) return
    this.panel.hidden = true
    this.launcher.setAttribute('aria-expanded', 'false')
    this.root.classList.remove('klo--open')
    this.launcher.focus()
  }

  // Shift three times within 5 seconds on this page, as in the chat (widget.js, QuickExit).
  Embed.prototype.keyup = function (event) {
    if (!this.active) return
    var self = this
    if (event.key === 'Shift' && !this.lastKeyWasModified) {
      this.shifts += 1
      clearTimeout(this.timer)
      if (this.shifts >= 3) return this.exit()
      this.status.textContent = 'Shift, press ' + (3 - this.shifts) + ' more ' + (this.shifts === 2 ? 'time' : 'times') + ' to exit.'
      this.timer = setTimeout(function () { self.shifts = 0; self.status.textContent = '' }, 5000)
    } else if (this.shifts) {
      clearTimeout(this.timer)
      this.shifts = 0
    }
    this.lastKeyWasModified = event.shiftKey
  }

  // Quick exit used on this page: the page is hidden at once; the chat is told to forget the
  // conversation and answers klo:exit, and then (or after 0.3 s at most) the page is replaced.
  Embed.prototype.exit = function () {
    var self = this
    document.body.style.display = 'none'
    if (!this.frame || !this.loaded) return this.leave()
    this.tell('klo:exit')
    setTimeout(function () { self.leave() }, 300)
  }

  // Quick exit (from the chat, or after the above): the whole page goes to the neutral site.
  Embed.prototype.leave = function () {
    document.body.style.display = 'none'
    window.location.replace(settings.exitUrl)
  }

  window.KinshipChatEmbed = { settings: settings }

  function start () {
    ;['widget.css', 'embed.css'].forEach(function (name) {
      document.head.append(h('link', { rel: 'stylesheet', href: new URL(name, script.src).href }))
    })
    window.KinshipChatEmbed.embed = new Embed()
  }

  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start)
})()
