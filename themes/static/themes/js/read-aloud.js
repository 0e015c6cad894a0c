/* 朗读: reads the page's main content aloud with the browser's own speech
   (speechSynthesis). Progressive enhancement: the button is rendered hidden and shown
   only where the browser can speak, so without JavaScript nothing is missing. */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
  const button = document.querySelector(".read-aloud");
  const main = document.getElementById("main");
  if (!button || !main) return;
  const lang = document.documentElement.lang || "zh-CN";
  const synth = window.speechSynthesis;

  function voiceFor(language) {
    const prefix = language.toLowerCase().split("-")[0];
    const voices = synth.getVoices();
    return (
      voices.find((v) => v.lang.toLowerCase() === language.toLowerCase()) ||
      voices.find((v) => v.lang.toLowerCase().startsWith(prefix)) ||
      null
    );
  }

  function show(speaking) {
    button.textContent = speaking ? button.dataset.stop : button.dataset.start;
    button.setAttribute("aria-pressed", speaking ? "true" : "false");
  }

  // The text a reader sees in the main content, without what print-only blocks hold.
  function mainText() {
    const copy = main.cloneNode(true);
    copy.querySelectorAll(".print-only, script, style, [hidden]").forEach((el) => el.remove());
    return copy.innerText || copy.textContent || "";
  }

  button.addEventListener("click", function () {
    if (synth.speaking) {
      synth.cancel();
      show(false);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(mainText().replace(/\s+/g, " ").trim());
    utterance.lang = lang;
    const voice = voiceFor(lang);
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9; // a little slower: 适老化
    utterance.onend = utterance.onerror = function () { show(false); };
    synth.cancel();
    synth.speak(utterance);
    show(true);
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  show(false);
  button.hidden = false;
})();
