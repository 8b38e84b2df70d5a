#!/usr/bin/env bash
# neo4j.sh runs a local Neo4j Community 5.26 for kg: the demo, the tests and CI.
#
#   docker/neo4j/neo4j.sh up      start it (Docker Compose when a Docker engine answers,
#                                 else the server assembled from Maven Central) and wait for Bolt
#   docker/neo4j/neo4j.sh down    stop it cleanly
#   docker/neo4j/neo4j.sh status  say whether it runs
#   docker/neo4j/neo4j.sh password  print the password of user neo4j (made if need be)
#   docker/neo4j/neo4j.sh wipe    stop it and delete its data
#
# Without Docker, `mvn package` (docker/neo4j/pom.xml) copies the server closure of
# org.neo4j:neo4j, the Neo4j Browser and APOC Core into a cache outside git
# ($KG_CACHE_DIR, default ~/.cache/kg). Configuration, data and logs live in the
# ignored project folder .kg/neo4j. The server listens on loopback only, auth on.
#
# The password of user neo4j is random, made at the first start and kept in
# $KG_NEO4J_STATE/password (mode 0600), where kg, make demo and make test read it;
# the state folder is 0700 and everything the server writes 0600/0700 (umask 077).
# APOC is installed but no procedure of it is unrestricted, and only read-only
# helpers are loaded: kg itself calls none.
#
# Environment: KG_NEO4J_STATE (folder for conf, data and logs; default .kg/neo4j),
# KG_NEO4J_PASSWORD (a password of your choice instead of a random one; set it
# before the first start),
# KG_NEO4J_BOLT_PORT (7687), KG_NEO4J_HTTP_PORT (7474), KG_NEO4J_HEAP (1g),
# KG_NEO4J_PAGECACHE (1g), KG_NEO4J_TX_MAX (memory one transaction may use, e.g. 64m;
# default 0, no limit: the tests set one to meet a rejected batch), KG_NEO4J_WAIT (seconds to wait for Bolt, 180),
# KG_NEO4J_RUNTIME (auto|docker|maven).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$here/pom.xml")
cache=${KG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kg}
home="$cache/neo4j-$version"
state=${KG_NEO4J_STATE:-$root/.kg/neo4j}
password_file="$state/password"
bolt_port=${KG_NEO4J_BOLT_PORT:-7687}
http_port=${KG_NEO4J_HTTP_PORT:-7474}
heap=${KG_NEO4J_HEAP:-1g}
pagecache=${KG_NEO4J_PAGECACHE:-1g}
tx_max=${KG_NEO4J_TX_MAX:-0}
wait_s=${KG_NEO4J_WAIT:-180}

say() { printf 'neo4j: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# Nothing the server or this script writes is for other users to read.
umask 077

# load_password sets password: KG_NEO4J_PASSWORD, else the state folder's
# password file, else (a server made before the file existed) the password
# such servers were given, else a new random one. It is kept in the file.
load_password() {
  mkdir -p "$state"
  chmod 700 "$state"
  if [ -n "${KG_NEO4J_PASSWORD:-}" ]; then
    password=$KG_NEO4J_PASSWORD
  elif [ -s "$password_file" ]; then
    password=$(cat "$password_file")
  elif [ -e "$state/data/dbms/auth.ini" ]; then
    password=kg-local-pass
  else
    password=$(head -c 48 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')
    password=${password:0:24}
    say "made a random password for user neo4j: see $password_file"
  fi
  printf '%s\n' "$password" >"$password_file"
  chmod 600 "$password_file"
}

runtime() {
  case "${KG_NEO4J_RUNTIME:-auto}" in
    docker|maven) echo "${KG_NEO4J_RUNTIME}" ;;
    auto) if command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1; then echo docker; else echo maven; fi ;;
    *) die "KG_NEO4J_RUNTIME must be auto, docker or maven, not ${KG_NEO4J_RUNTIME}" ;;
  esac
}

bolt_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$bolt_port") 2>/dev/null; }

wait_for_bolt() {
  local i
  for ((i = 0; i < wait_s * 2; i++)); do
    if bolt_answers && curl -fsS "http://127.0.0.1:$http_port/" >/dev/null 2>&1; then
      say "up (${SECONDS}s): bolt://127.0.0.1:$bolt_port, browser http://localhost:$http_port/browser"
      return 0
    fi
    if [ "$(runtime)" = maven ] && ! server_pid >/dev/null; then
      tail -n 40 "$state/logs/neo4j.log" >&2 2>/dev/null || true
      die "the server exited while starting; see $state/logs"
    fi
    sleep 0.5
  done
  die "Bolt did not answer on 127.0.0.1:$bolt_port within ${wait_s}s; see $state/logs"
}

# assemble fetches the server jars once into the cache.
assemble() {
  if [ -f "$home/.complete" ]; then return 0; fi
  command -v java >/dev/null || die "java 17 is needed (apt-get install openjdk-17-jre-headless)"
  command -v mvn >/dev/null || die "maven is needed (apt-get install maven)"
  say "assembling Neo4j $version from Maven Central into $home"
  rm -rf "$home"
  mkdir -p "$home"
  mvn -B -q -f "$here/pom.xml" package -Dneo4j.home="$home" \
    -Dproject.build.directory="$cache/build-$version" >&2
  rm -rf "$cache/build-$version"
  touch "$home/.complete"
}

write_conf() {
  mkdir -p "$state"/{conf,data,logs,run,import}
  cat >"$state/conf/neo4j.conf" <<CONF
# Written by docker/neo4j/neo4j.sh; edits are overwritten at the next start.
server.default_listen_address=127.0.0.1
server.default_advertised_address=localhost
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$bolt_port
server.bolt.advertised_address=localhost:$bolt_port
server.http.enabled=true
server.http.listen_address=127.0.0.1:$http_port
server.http.advertised_address=localhost:$http_port
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
# A 2-core, 24 GiB machine shared with kg and its tests: a modest fixed heap and page cache.
server.memory.heap.initial_size=$heap
server.memory.heap.max_size=$heap
server.memory.pagecache.size=$pagecache
db.memory.transaction.max=$tx_max
server.jvm.additional=-XX:+UseG1GC
server.jvm.additional=-XX:-OmitStackTraceInFastThrow
server.jvm.additional=-Dlog4j2.disable.jmx=true
server.directories.data=$state/data
server.directories.logs=$state/logs
server.directories.run=$state/run
server.directories.import=$state/import
server.directories.plugins=$home/plugins
server.logs.config=$state/conf/server-logs.xml
server.logs.user.config=$state/conf/user-logs.xml
dbms.security.procedures.allowlist=apoc.coll.*,apoc.map.*,apoc.text.*,apoc.meta.*,apoc.help
CONF
  cat >"$state/conf/server-logs.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="ERROR" monitorInterval="30" packages="org.neo4j.logging.log4j">
  <Appenders>
    <RollingRandomAccessFile name="DebugLog" fileName="${config:server.directories.logs}/debug.log"
                             filePattern="$${config:server.directories.logs}/debug.log.%02i">
      <Neo4jDebugLogLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p [%c{1.}] %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
    <RollingRandomAccessFile name="QueryLog" fileName="${config:server.directories.logs}/query.log"
                             filePattern="$${config:server.directories.logs}/query.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
    <RollingRandomAccessFile name="SecurityLog" fileName="${config:server.directories.logs}/security.log"
                             filePattern="$${config:server.directories.logs}/security.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
  </Appenders>
  <Loggers>
    <Logger name="HttpLogger" level="INFO" additivity="false"><AppenderRef ref="DebugLog"/></Logger>
    <Logger name="QueryLogger" level="INFO" additivity="false"><AppenderRef ref="QueryLog"/></Logger>
    <Logger name="SecurityLogger" level="INFO" additivity="false"><AppenderRef ref="SecurityLog"/></Logger>
    <Root level="INFO"><AppenderRef ref="DebugLog"/></Root>
  </Loggers>
</Configuration>
XML
  cat >"$state/conf/user-logs.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="ERROR" monitorInterval="30" packages="org.neo4j.logging.log4j">
  <Appenders>
    <RollingRandomAccessFile name="Neo4jLog" fileName="${config:server.directories.logs}/neo4j.log"
                             filePattern="$${config:server.directories.logs}/neo4j.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="Neo4jLog"/></Root>
  </Loggers>
</Configuration>
XML
}

neo4j_java() {
  NEO4J_HOME="$home" NEO4J_CONF="$state/conf" java -cp "$home/lib/*" "$@"
}

server_pid() {
  local pid
  pid=$(cat "$state/run/neo4j.pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

maven_up() {
  if server_pid >/dev/null; then say "already running (pid $(server_pid))"; wait_for_bolt; return; fi
  if bolt_answers; then die "port $bolt_port is taken by another process; stop it or set KG_NEO4J_BOLT_PORT"; fi
  assemble
  write_conf
  chmod -R go-rwx "$state"
  if [ ! -e "$state/data/dbms/auth.ini" ]; then
    say "setting the initial password"
    neo4j_java org.neo4j.server.startup.Neo4jAdminCommand dbms set-initial-password "$password" >/dev/null
  fi
  say "starting Neo4j $version (data in $state)"
  neo4j_java org.neo4j.server.startup.Neo4jCommand start >"$state/logs/launcher.out" 2>&1 \
    || { cat "$state/logs/launcher.out" >&2; die "the launcher failed"; }
  wait_for_bolt
}

maven_down() {
  if ! server_pid >/dev/null; then say "not running"; return 0; fi
  neo4j_java org.neo4j.server.startup.Neo4jCommand stop >&2
}

# compose runs one Compose project per state folder, so that the test
# server and the demo server can run side by side.
compose() { docker compose -p "kg-$(basename "$state")" -f "$root/docker/compose.yaml" "$@"; }

case "${1:-}" in
  up)
    load_password
    if [ "$(runtime)" = docker ]; then
      NEO4J_VERSION="$version" KG_NEO4J_PASSWORD="$password" KG_NEO4J_BOLT_PORT="$bolt_port" \
        KG_NEO4J_HTTP_PORT="$http_port" KG_NEO4J_TX_MAX="$tx_max" compose up -d --wait
      wait_for_bolt
    else
      maven_up
    fi ;;
  down)
    if [ "$(runtime)" = docker ]; then compose down; else maven_down; fi ;;
  status)
    if bolt_answers; then say "Bolt answers on 127.0.0.1:$bolt_port"; else say "not running"; exit 3; fi ;;
  password)
    load_password
    cat "$password_file" ;;
  wipe)
    if [ "$(runtime)" = docker ]; then compose down -v; rm -f "$password_file"; else maven_down; rm -rf "$state"; fi
    say "data deleted" ;;
  *) echo "usage: $0 up|down|status|password|wipe" >&2; exit 2 ;;
esac
