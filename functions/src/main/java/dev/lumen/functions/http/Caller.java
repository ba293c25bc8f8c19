package dev.lumen.functions.http;

import dev.lumen.domain.error.ForbiddenException;
import java.util.Collection;
import java.util.Objects;

/**
 * Who is calling, from the verified token's claims (see {@link Access}), and the authorization
 * rules of the API in one place: users touch only their own data, creators only their own
 * knowledge and personas, admins everything. Each rule throws {@link ForbiddenException} (403).
 *
 * @param userId    the token's subject ({@code sub})
 * @param creatorId the creator (tenant) the caller speaks for ({@code custom:creatorId}); null for plain users
 */
public record Caller(String userId, Role role, String creatorId) {

    /** What a caller may do; each role may do what the one before it may. */
    public enum Role {
        USER, CREATOR, ADMIN
    }

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The caller is {@code userId}, or an admin. */
    public void requireUser(String userId) {
        if (!isAdmin() && !this.userId.equals(userId)) {
            throw new ForbiddenException("this belongs to another user");
        }
    }

    /** The caller is creator {@code creatorId}, or an admin. */
    public void requireCreator(String creatorId) {
        if (!isAdmin() && !(role == Role.CREATOR && this.creatorId != null && this.creatorId.equals(creatorId))) {
            throw new ForbiddenException("this belongs to another creator");
        }
    }

    /** Only admins: escalations, stats, other people's usage. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ForbiddenException("only an admin may do this");
        }
    }

    /**
     * Usage figures: a user sees their own ({@code userId}), a creator their creator's
     * ({@code creatorId}); anything wider (both unnamed, or someone else's) only an admin.
     */
    public void requireUsageOf(String userId, String creatorId) {
        if (isAdmin()) {
            return;
        }
        if (userId == null && creatorId == null) {
            throw new ForbiddenException("only an admin may see usage across users; name your userId or creatorId");
        }
        if (userId != null) {
            requireUser(dev.lumen.domain.Ids.require("userId", userId));
        }
        if (creatorId != null) {
            requireCreator(dev.lumen.domain.Ids.require("creatorId", creatorId));
        }
    }

    /**
     * The user a request acts for: the one it names, which must be the caller unless an admin
     * calls; when it names none, the caller themself (an admin's request stays anonymous).
     */
    public String actingUser(String requested) {
        if (requested == null) {
            return isAdmin() ? null : userId;
        }
        // A malformed id is the caller's mistake (400), not someone else's data (403).
        dev.lumen.domain.Ids.require("userId", requested);
        requireUser(requested);
        return requested;
    }

    /**
     * The creator a new persona belongs to: the one named, which must be the caller's own unless an
     * admin calls; when none is named, the caller's (an admin's request keeps the default).
     */
    public String owningCreator(String requested) {
        if (requested == null && !isAdmin()) {
            requireCreator(creatorId);
            return creatorId;
        }
        if (requested != null) {
            requireCreator(requested);
        }
        return requested;
    }

    /**
     * A session's data (messages, typing indicators) may be read only when every user in it is the
     * caller: a session belongs to the one user who chats in it. An empty session shows nothing.
     */
    public void requireOwnSession(Collection<String> userIds) {
        if (isAdmin()) {
            return;
        }
        for (String owner : userIds) {
            if (!userId.equals(owner)) {
                throw new ForbiddenException("this session belongs to another user");
            }
        }
    }
}
