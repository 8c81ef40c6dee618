// Norwegian and English stemming for the site search.
//
// Material's search worker turns every query word into a prefix search ("tilliten" ->
// "tilliten*") and skips the stemmer for such words, so "tilliten" would not find
// "tillit". This small worker wraps Material's: it shortens each plain query word to its
// Norwegian or English stem (whichever is the shorter prefix of the word) before Material
// sees it, so "tilliten" searches for "tillit*" and "samskapingen" for "samskaping*".
// It lives next to Material's worker because that worker loads lunr-languages from "../lunr".
"use strict";

const QUERY = 2; // Material's message type for a search query
const MIN_STEM = 4;

function stem(word) {
  const lower = word.toLocaleLowerCase("nb");
  const candidates = [];
  const lunr = self.lunr;
  if (lunr && lunr.no && lunr.no.stemmer) {
    candidates.push(lunr.no.stemmer(new lunr.Token(lower)).toString());
  }
  if (lunr && lunr.stemmer) {
    candidates.push(lunr.stemmer(new lunr.Token(lower)).toString());
  }
  const prefixes = candidates.filter((candidate) => candidate.length >= MIN_STEM && lower.startsWith(candidate));
  prefixes.sort((a, b) => a.length - b.length);
  return prefixes.length ? prefixes[0] : lower;
}

function stemQuery(query) {
  return query
    .split(/(\s+)/)
    .map((part) => (/^[\p{L}\p{N}]+$/u.test(part) ? stem(part) : part))
    .join("");
}

addEventListener("message", (event) => {
  const message = event.data;
  if (message && message.type === QUERY && !message.stemmed && typeof message.data === "string") {
    event.stopImmediatePropagation();
    dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: stemQuery(message.data), stemmed: true } }));
  }
});

importScripts(new URL(self.location.href).searchParams.get("material"));
