/**
 * Debian's Chromium as every browser run here launches it (end-to-end tests,
 * the console soak benchmark): headless, no sandbox (root in CI), and nothing
 * that reaches for the network on its own.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
