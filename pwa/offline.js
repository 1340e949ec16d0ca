// Offline support of the release build, in plain JavaScript (no Rust): registers the service
// worker and, when a new version has been downloaded, offers it with a banner
// "Neue Version verfügbar" / "Jetzt neu laden". The new version only takes over when the user
// presses the button; saved progress (localStorage) is not touched by any of this.
//
// Only pages marked by scripts/precache.mjs (run by scripts/build.sh after the release build)
// register the worker: the page served by `trunk serve` has no such mark and no sw.js.
(function () {
  'use strict';
  var mark = document.querySelector('meta[name="leitfaden-service-worker"]');
  if (!mark || !('serviceWorker' in navigator)) return;
  var sw = navigator.serviceWorker;
  var hadController = Boolean(sw.controller);
  var userAsked = false;

  function start() {
    sw.register(mark.getAttribute('content') || 'sw.js').then(watch, function (e) {
      console.warn('Leitfaden: Offline-Nutzung nicht verfügbar:', e);
    });
  }

  function watch(reg) {
    // A browser that refuses service workers may resolve without a registration.
    if (!reg) return;
    if (reg.waiting && sw.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        if (worker.state === 'installed' && sw.controller) offer(worker);
      });
    });
    // A page left open for days (a workshop) looks for a new version when it is shown again.
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible') reg.update().catch(function () {});
    });
  }

  sw.addEventListener('controllerchange', function () {
    if (userAsked) {
      location.reload();
    } else if (hadController) {
      // Another tab switched to the new version; this page is still the old one.
      offer(null);
    }
  });

  /** Shows (or updates) the banner; its button activates `worker` (or just reloads). */
  function offer(worker) {
    var bar = document.getElementById('neue-version');
    if (!bar) {
      bar = document.createElement('aside');
      bar.id = 'neue-version';
      bar.className = 'update-banner';
      bar.setAttribute('aria-labelledby', 'neue-version-text');
      var text = document.createElement('p');
      text.id = 'neue-version-text';
      text.setAttribute('role', 'status');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button primary small';
      button.textContent = 'Jetzt neu laden';
      bar.append(text, button);
      document.body.append(bar);
      document.body.classList.add('has-update-banner');
      // Filled in after insertion so screen readers announce it.
      setTimeout(function () {
        text.innerHTML = '';
        var strong = document.createElement('strong');
        strong.textContent = 'Neue Version verfügbar.';
        text.append(strong, ' Ihr Fortschritt bleibt beim Neuladen erhalten.');
      }, 100);
    }
    bar.querySelector('button').onclick = function () {
      this.disabled = true;
      userAsked = true;
      if (worker && worker.state === 'installed') {
        worker.postMessage({ type: 'SKIP_WAITING' }); // reload follows on controllerchange
      } else {
        location.reload();
      }
    };
  }

  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start);
})();
