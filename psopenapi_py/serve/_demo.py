"""The example page served at /demo by ``psopenapi serve --demo-page``: a key from /token, then WebRTC through /session."""

from __future__ import annotations

import json

#: Where the demo page is served.
DEMO_PATH = "/demo"

_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>psopenapi serve: demo</title></head>
<body>
<h1>psopenapi serve</h1>
<p>Status: <span id="status">starting</span></p>
<p>Key expires at: <span id="expires">-</span></p>
<p>Signalling state: <span id="signaling">-</span></p>
<script>
const TOKEN_PATH = __TOKEN__;
const SESSION_PATH = __SESSION__;
// A bearer token for this server (not an OpenAI key) may be passed as #token=... in the address: taken as
// written (a "+" or "&" is part of it), but for the characters a browser percent-encodes in an address
// (quote, <, >, backtick); then removed from the address bar and history.
const given = location.hash.startsWith("#token=") ? location.hash.slice(7) : "";
const bearer = given.replace(/%(22|3C|3E|60)/gi, (m) => decodeURIComponent(m));
if (given) history.replaceState(null, "", location.pathname + location.search);
const auth = bearer ? {"Authorization": "Bearer " + bearer} : {};
const show = (id, text) => { document.getElementById(id).textContent = text; };

async function run() {
  const minted = await fetch(TOKEN_PATH, {method: "POST", headers: {...auth, "Content-Type": "application/json"}, body: "{}"});
  if (!minted.ok) throw new Error("token: HTTP " + minted.status);
  const key = await minted.json();
  // The key itself stays in this variable: it is never shown on the page.
  show("expires", new Date(key.expires_at * 1000).toISOString());
  const pc = new RTCPeerConnection();
  window.pc = pc;
  pc.onsignalingstatechange = () => show("signaling", pc.signalingState);
  pc.addTransceiver("audio", {direction: "sendrecv"});
  pc.createDataChannel("oai-events");
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const relayed = await fetch(SESSION_PATH, {method: "POST", headers: {...auth, "Content-Type": "application/sdp"}, body: offer.sdp});
  if (relayed.status !== 201) throw new Error("session: HTTP " + relayed.status);
  const answer = await relayed.text();
  await pc.setRemoteDescription({type: "answer", sdp: answer});
  window.answerSdp = answer;
  show("signaling", pc.signalingState);
  show("status", "connected (signalling " + pc.signalingState + ")");
}
run().catch(err => { show("status", "failed: " + err.message); window.demoError = err.message; });
</script>
</body>
</html>
"""


def demo_page(token_path: str, session_path: str) -> str:
    """The demo page's HTML, calling the configured token and session paths."""
    return _PAGE.replace("__TOKEN__", json.dumps(token_path)).replace("__SESSION__", json.dumps(session_path))
