#!/usr/bin/env bash
# GENERATED from template.yaml by `java -jar localstack/target/lumen-local.jar localstack-init`.
# Do not edit: change template.yaml and regenerate (LocalStackInitScriptTest fails while they differ).
#
# LocalStack runs the scripts in /etc/localstack/init/ready.d once its services are up;
# localstack/docker/compose.yaml mounts this folder there. Creates the template's table (keys,
# GSIs, TTL), queues (each dead-letter queue before the queue that redrives into it), buckets
# and OpenSearch domains, skipping any that exist. LUMEN_OPENSEARCH_DOMAIN=false skips the
# domains (without OPENSEARCH_CUSTOM_BACKEND, LocalStack would download OpenSearch for them).
set -euo pipefail
export AWS_DEFAULT_REGION=us-east-1
# LocalStack checks that requests carry credentials, not whose: "test" is its default account.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"

# DynamoDB: LumenTable
if ! awslocal dynamodb describe-table --table-name lumen-local >/dev/null 2>&1; then
  awslocal dynamodb create-table --table-name lumen-local \
    --cli-input-json '{"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"gsi1pk","AttributeType":"S"},{"AttributeName":"gsi1sk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexes":[{"IndexName":"gsi1","KeySchema":[{"AttributeName":"gsi1pk","KeyType":"HASH"},{"AttributeName":"gsi1sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}' >/dev/null
  awslocal dynamodb wait table-exists --table-name lumen-local
  awslocal dynamodb update-time-to-live --table-name lumen-local --time-to-live-specification Enabled=true,AttributeName=expiresAt >/dev/null
fi
echo "lumen: table lumen-local"

# SQS: create-queue returns the existing queue when the attributes match.
create_queue() {
  awslocal sqs create-queue --queue-name "$1" --attributes "$2" >/dev/null
  echo "lumen: queue $1"
}
create_queue InteractionsDeadLetterQueue '{"VisibilityTimeout":"30","MessageRetentionPeriod":"1209600"}'
create_queue EscalationsDeadLetterQueue '{"VisibilityTimeout":"30","MessageRetentionPeriod":"1209600"}'
create_queue IngestDeadLetterQueue '{"VisibilityTimeout":"30","MessageRetentionPeriod":"1209600"}'
create_queue AgentWorkDeadLetterQueue '{"VisibilityTimeout":"30","MessageRetentionPeriod":"1209600"}'
create_queue ProactiveDeliveryDeadLetterQueue '{"VisibilityTimeout":"30","MessageRetentionPeriod":"1209600"}'
create_queue InteractionsQueue '{"VisibilityTimeout":"360","MessageRetentionPeriod":"1209600","RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:InteractionsDeadLetterQueue\",\"maxReceiveCount\":\"3\"}"}'
create_queue EscalationsQueue '{"VisibilityTimeout":"300","MessageRetentionPeriod":"1209600","RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:EscalationsDeadLetterQueue\",\"maxReceiveCount\":\"3\"}"}'
create_queue IngestQueue '{"VisibilityTimeout":"1800","MessageRetentionPeriod":"1209600","RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:IngestDeadLetterQueue\",\"maxReceiveCount\":\"3\"}"}'
create_queue AgentWorkQueue '{"VisibilityTimeout":"1800","MessageRetentionPeriod":"1209600","RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:AgentWorkDeadLetterQueue\",\"maxReceiveCount\":\"3\"}"}'
create_queue ProactiveDeliveryQueue '{"VisibilityTimeout":"180","MessageRetentionPeriod":"1209600","RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:ProactiveDeliveryDeadLetterQueue\",\"maxReceiveCount\":\"3\"}"}'

# S3: DocumentsBucket
if ! awslocal s3api head-bucket --bucket lumen-local-documents-bucket >/dev/null 2>&1; then
  awslocal s3api create-bucket --bucket lumen-local-documents-bucket >/dev/null
fi
echo "lumen: bucket lumen-local-documents-bucket"

if [ "${LUMEN_OPENSEARCH_DOMAIN:-true}" = true ]; then
  # OpenSearch: LumenSearch
  if ! awslocal opensearch describe-domain --domain-name lumen-search >/dev/null 2>&1; then
    awslocal opensearch create-domain --domain-name lumen-search --engine-version OpenSearch_2.19 >/dev/null
  fi
  echo "lumen: OpenSearch domain lumen-search"
fi

echo "lumen: LocalStack resources ready"
