# shellcheck shell=bash
# `network.sh env NODE`: the environment and command line a node runs with, printed
# as a shell script one can paste (in the manner of fabric-samples'
# test-network-nano-bash scripts). It runs the very function that starts the node,
# with `launch` replaced by a printer, so what it prints cannot drift from what runs.

shell_quote() { # a word as bash reads it back
  if [[ "$1" =~ ^[A-Za-z0-9_./:,=@+%-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

print_node_env() { # print_node_env NODE
  local name=$1 kind
  kind=$(node_kind "$name")
  [[ -d "$CRYPTO/peerOrganizations" ]] || die "no crypto material yet in $RUN_DIR: run 'network.sh up' first"
  (
    declare -A before=()
    local kv
    while IFS= read -r -d '' kv; do before[${kv%%=*}]=${kv#*=}; done < <(env -0)
    # shellcheck disable=SC2317 # called by the start_* function below
    launch() {
      local node=$1 kv key value word line=""
      shift
      printf '# %s, as network.sh starts it (log %s, pid file %s)\n' "$node" "$LOG_DIR/$node.log" "$(pid_file "$node")"
      printf 'cd %s\n' "$(shell_quote "$PWD")"
      while IFS= read -r -d '' kv; do
        key=${kv%%=*} value=${kv#*=}
        [[ "$key" =~ ^(_|PWD|OLDPWD|SHLVL)$ ]] && continue
        if [[ ! -v "before[$key]" || "${before[$key]}" != "$value" || "$key" =~ ^(CORE|ORDERER|FABRIC|CHAINCODE)_ ]]; then
          printf 'export %s=%s\n' "$key" "$(shell_quote "$value")"
        fi
      done < <(env -0 | sort -z)
      printf '# the marker by which network.sh status/stop/down recognise the process as this node\n'
      printf 'export XBORDER_NODE=%s\n' "$(shell_quote "$node@$RUN_DIR")"
      for word in "$@"; do line+="${line:+ }$(shell_quote "$word")"; done
      printf '%s\n' "$line"
    }
    # shellcheck disable=SC2317
    ca_init() { :; } # printing must not initialise a CA
    case "$kind" in
      orderer) start_orderer "$name" ;;
      peer) start_peer "$name" ;;
      chaincode) start_chaincode_server "$name" ;;
      ca) start_ca "$name" ;;
    esac
  )
}
