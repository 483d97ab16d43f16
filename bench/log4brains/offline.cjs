// Preloaded (NODE_OPTIONS=--require) into `log4brains build` by bench/log4brains.py so that the
// timed build never touches the network, whether or not the machine has it.
//
// The only network access of the build is Next.js 10's font optimisation (`optimizeFonts`,
// on by default): at build time it fetches the Google Fonts stylesheets that log4brains'
// _document links to, and on failure it logs "Failed to download the stylesheet … Skipped
// optimizing this font." and goes on. log4brains loads its own next.config.js from its package,
// so there is no config or environment variable to turn that off. Instead every host name
// lookup except the loopback's fails at once, as on an offline machine: the build takes the
// same path as offline, deterministically. (Telemetry is off through NEXT_TELEMETRY_DISABLED.)
"use strict";

const dns = require("dns");

const LOCAL = /^(localhost|127(\.\d+){3}|::1)$/i;
const originalLookup = dns.lookup;

function offlineError(hostname) {
  const err = new Error(`getaddrinfo ENOTFOUND ${hostname} (network disabled for the benchmark)`);
  return Object.assign(err, { code: "ENOTFOUND", errno: -3008, syscall: "getaddrinfo", hostname });
}

dns.lookup = function lookup(hostname, options, callback) {
  if (LOCAL.test(String(hostname))) {
    return originalLookup.apply(this, arguments);
  }
  const cb = typeof options === "function" ? options : callback;
  process.nextTick(cb, offlineError(hostname));
  return {};
};

const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
  if (LOCAL.test(String(hostname))) {
    return originalPromisesLookup.call(this, hostname, options);
  }
  throw offlineError(hostname);
};
