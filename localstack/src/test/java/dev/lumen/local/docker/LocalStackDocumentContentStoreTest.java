package dev.lumen.local.docker;

import dev.lumen.adapter.s3.S3DocumentContentStore;
import dev.lumen.contract.DocumentContentStoreContract;
import dev.lumen.domain.knowledge.DocumentContentStore;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The S3 content store's contract, against the documents bucket the init script creates in LocalStack. */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackDocumentContentStoreTest extends DocumentContentStoreContract {

    @Override
    protected DocumentContentStore newStore() {
        return new S3DocumentContentStore(LocalStackResources.s3(), LocalStackNames.bucket("DocumentsBucket"));
    }
}
