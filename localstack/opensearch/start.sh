#!/usr/bin/env bash
# Starts a local OpenSearch 2.19.1 + k-NN node on 127.0.0.1 and prints its URL; `stop` stops it.
#
#   localstack/opensearch/start.sh          # → LUMEN_OPENSEARCH_URL=http://127.0.0.1:9200
#   localstack/opensearch/start.sh stop
#
# The node is assembled from Maven Central by shared's build (shared/pom.xml, maven-dependency-plugin:
# the integ-test distribution, the k-NN plugin and the painless module k-NN needs) and started by
# dev.lumen.testing.LocalOpenSearch: as uid 65534 when run as root (OpenSearch refuses root), 512 MB
# heap, data and logs under shared/<target>/opensearch/node (kept between starts, gone with mvn clean).
# Starting when the node already runs only prints its URL. Port: LUMEN_OPENSEARCH_PORT (default 9200).
# Use it with the local runner (LUMEN_VECTOR_STORE=opensearch LUMEN_OPENSEARCH_URL=...) or with the
# tests (LUMEN_OPENSEARCH_URL=... mvn verify runs the OpenSearch tests against it instead of starting one).
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${LUMEN_TARGET:-target}"
if [[ "${1:-start}" == "start" ]]; then
  # test-compile runs generate-test-resources (assembles the node; downloads once) and compiles the launcher
  log=$(mktemp)
  if ! mvn -B -ntp -Dlumen.target="$target" -pl shared -DskipTests test-compile > "$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi
home=$(ls -d "shared/$target"/opensearch/opensearch-*/ 2>/dev/null | head -1)
if [[ -z "$home" ]]; then
  echo "no assembled OpenSearch node under shared/$target/opensearch; run: $0 start" >&2
  exit 1
fi
exec java -cp "shared/$target/test-classes" -Dlumen.opensearch.home="$home" dev.lumen.testing.LocalOpenSearch "$@"
