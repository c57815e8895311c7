#!/usr/bin/env bash
# Starts a real Keystone (Debian's keystone package) for the auth tests: SQLite database, fernet
# tokens, the public WSGI application under Python's wsgiref server, on 127.0.0.1:$2.
# Usage: start-keystone.sh DIR PORT ADMIN_PASSWORD TOKEN_EXPIRATION_SECONDS
# Writes DIR/keystone.pid and DIR/keystone.log; the caller stops it by that pid.
set -euo pipefail
dir=$1 port=$2 password=$3 expiration=$4
mkdir -p "$dir/fernet-keys" "$dir/credential-keys"
chmod 700 "$dir"
cat > "$dir/keystone.conf" <<CONF
[DEFAULT]
use_stderr = true
[database]
connection = sqlite:///$dir/keystone.db
[token]
provider = fernet
expiration = $expiration
[fernet_tokens]
key_repository = $dir/fernet-keys
[credential]
key_repository = $dir/credential-keys
[cache]
enabled = false
[identity]
# The cheapest bcrypt cost: these are throw-away test users.
password_hash_rounds = 4
CONF
user=$(id -un) group=$(id -gn)
export OS_KEYSTONE_CONFIG_FILES="$dir/keystone.conf"
manage() { keystone-manage --config-file "$dir/keystone.conf" "$@" >>"$dir/keystone-manage.log" 2>&1; }
manage db_sync
# WAL: Keystone reads in one session while it commits in another; with SQLite's default rollback
# journal the commit then waits for a lock the same request holds ("database is locked").
/usr/bin/python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$dir/keystone.db"
manage fernet_setup --keystone-user "$user" --keystone-group "$group"
manage credential_setup --keystone-user "$user" --keystone-group "$group"
manage bootstrap --bootstrap-password "$password" --bootstrap-admin-url "http://127.0.0.1:$port/v3/" \
  --bootstrap-public-url "http://127.0.0.1:$port/v3/" --bootstrap-internal-url "http://127.0.0.1:$port/v3/" \
  --bootstrap-region-id RegionOne
nohup /usr/bin/python3 /usr/bin/keystone-wsgi-public --host 127.0.0.1 --port "$port" >"$dir/keystone.log" 2>&1 &
echo $! > "$dir/keystone.pid"
