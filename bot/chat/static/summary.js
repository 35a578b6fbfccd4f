/*
 * The chat summary page (bot/chat/summary.py): "Print or save as PDF", and "Exit this page".
 *
 * Exit this page (the GOV.UK pattern, as in the chat widget): the link, or Shift pressed three
 * times within 5 seconds, forgets this summary's link on the server (so the address stops
 * working, even from the browser's history), empties the page and replaces the location with a
 * neutral site (location.replace, so Back does not return here).
 */
(function () {
  'use strict'

  var print = document.querySelector('.js-summary-print')
  if (print) {
    print.hidden = false
    print.addEventListener('click', function () { window.print() })
    var words = document.querySelector('.js-summary-noscript')
    if (words) words.remove()
  }

  var exit = document.querySelector('a.js-summary-exit')
  if (!exit) return

  function leave () {
    var forget = exit.getAttribute('data-forget-url')
    if (forget && navigator.sendBeacon) {
      try { navigator.sendBeacon(forget) } catch (e) {}
    }
    var url = exit.href
    document.body.replaceChildren()
    document.title = ''
    window.location.replace(url)
  }

  exit.addEventListener('click', function (event) {
    event.preventDefault()
    leave()
  })

  var count = 0
  var timer = null
  var modified = false
  document.addEventListener('keyup', function (event) {
    if (event.key === 'Shift' && !modified) {
      count += 1
      clearTimeout(timer)
      if (count >= 3) return leave()
      timer = setTimeout(function () { count = 0 }, 5000)
    } else if (count) {
      clearTimeout(timer)
      count = 0
    }
    modified = event.shiftKey
  }, true)
})()
