#!/usr/bin/env bash
# Starts Debian's Janus (package janus) on loopback with a config written here, for the side-by-side benchmark:
# HTTP API on 127.0.0.1:8188, the VideoRoom plugin with room 1234 (one publisher, VP8 and Opus), ICE-lite like
# Sanke, media on 127.0.0.1 only. Prints Janus's pid. Usage: start-janus.sh WORKDIR
set -euo pipefail
dir="${1:?usage: start-janus.sh WORKDIR}"
mkdir -p "$dir"
if ! command -v janus >/dev/null 2>&1; then
  echo "start-janus: Debian's janus package is not installed (apt-get install janus)" >&2
  exit 2
fi
cat > "$dir/janus.jcfg" <<CFG
general: {
  configs_folder = "$dir"
  plugins_folder = "/usr/lib/x86_64-linux-gnu/janus/plugins"
  transports_folder = "/usr/lib/x86_64-linux-gnu/janus/transports"
  events_folder = "/usr/lib/x86_64-linux-gnu/janus/events"
  loggers_folder = "/usr/lib/x86_64-linux-gnu/janus/loggers"
  debug_level = 3
  session_timeout = 120
}
media: {
  rtp_port_range = "30000-60000"
}
nat: {
  ice_lite = true
  ice_enforce_list = "lo,127.0.0.1"
  ignore_mdns = true
}
plugins: {
  disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so"
}
transports: {
  disable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so,libjanus_websockets.so"
}
events: {
  broadcast = false
}
CFG
cat > "$dir/janus.transport.http.jcfg" <<CFG
general: {
  json = "compact"
  base_path = "/janus"
  http = true
  port = 8188
  ip = "127.0.0.1"
}
admin: {
  admin_base_path = "/admin"
  admin_http = false
}
CFG
cat > "$dir/janus.plugin.videoroom.jcfg" <<CFG
general: {
}
room-1234: {
  description = "Sanke benchmark"
  publishers = 1
  bitrate = 0
  fir_freq = 10
  audiocodec = "opus"
  videocodec = "vp8"
  notify_joining = false
}
CFG
janus -C "$dir/janus.jcfg" -F "$dir" -L "$dir/janus.log" -N -o > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 50); do
  if curl -s -o /dev/null http://127.0.0.1:8188/janus/info; then
    echo "$pid"
    exit 0
  fi
  sleep 0.2
done
echo "start-janus: Janus did not answer on 127.0.0.1:8188; see $dir/janus.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
