package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.ProposalRepositoryContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.proposal.Proposal;
import dev.lumen.domain.proposal.ProposalRepository;
import dev.lumen.domain.proposal.ProposalStatus;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbProposalRepositoryTest extends ProposalRepositoryContract {
    private String table;

    @Override
    protected ProposalRepository newRepository() {
        // A table per case: the contract lists every proposal of a status.
        table = LocalDynamoDb.newTable();
        return new DynamoDbProposalRepository(LocalDynamoDb.client(), table);
    }

    @Test
    void aProposalIsOneItemIndexedByStatusAndMovesWithIt() {
        // GIVEN
        ProposalRepository repository = newRepository();
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Proposal pending = proposal(Ids.random(), AgentType.CONQUEST, at, null);
        repository.add(pending);

        // WHEN
        repository.transition(pending.reviewed(ProposalStatus.REJECTED, "admin-1", "not now", at.plusSeconds(1)),
                ProposalStatus.PENDING);

        // THEN
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(AttributeValues.key(LumenTable.proposalPk(pending.id()), LumenTable.PROPOSAL))).item();
        assertThat(item.get(LumenTable.GSI1_PK).s()).isEqualTo("PROPOSALS#REJECTED");
        assertThat(item.get(LumenTable.GSI1_SK).s()).isEqualTo(LumenTable.proposalGsiSk(at, pending.id()));
        assertThat(item.get("change").m().get("traitId").s()).isEqualTo("warmth");
    }
}
