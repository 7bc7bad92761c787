// Progressive enhancement only: every page works without this file.
(function () {
  function enhance(root) {
    // Copy buttons next to credentials (hidden unless this script runs and a clipboard exists).
    root.querySelectorAll('button[data-copy]').forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        var text = document.getElementById(button.dataset.copy).textContent.trim();
        navigator.clipboard.writeText(text).then(function () {
          button.textContent = 'Copied';
          setTimeout(function () { button.textContent = 'Copy'; }, 2000);
        });
      });
    });
    // The marketplace app matters only with App Type Marketplace.
    var field = root.querySelector('#marketplace-field');
    if (field) {
      var radios = document.querySelectorAll('input[name=appType]');
      var sync = function () {
        var marketplace = document.getElementById('appType-marketplace');
        field.hidden = !(marketplace && marketplace.checked);
      };
      radios.forEach(function (radio) { radio.addEventListener('change', sync); });
      sync();
    }
  }
  document.addEventListener('DOMContentLoaded', function () { enhance(document); });
})();
