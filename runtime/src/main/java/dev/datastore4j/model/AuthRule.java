package dev.datastore4j.model;

import java.util.List;
import java.util.Objects;

/**
 * One {@code @auth} rule with Amplify's defaults already applied by the generator. Fields that do
 * not apply to the strategy are null (or empty lists).
 */
public record AuthRule(
        Strategy allow,
        Provider provider,
        String ownerField,
        String identityClaim,
        String groupClaim,
        List<String> groups,
        String groupsField,
        List<Operation> operations) {

    public enum Strategy {
        OWNER,
        GROUPS,
        PRIVATE,
        PUBLIC,
        CUSTOM
    }

    public enum Provider {
        API_KEY,
        IAM,
        IDENTITY_POOL,
        OIDC,
        USER_POOLS,
        FUNCTION
    }

    public enum Operation {
        CREATE,
        UPDATE,
        DELETE,
        READ,
        GET,
        LIST,
        SYNC,
        LISTEN,
        SEARCH
    }

    public AuthRule {
        Objects.requireNonNull(allow, "allow");
        Objects.requireNonNull(provider, "provider");
        groups = List.copyOf(groups);
        operations = List.copyOf(operations);
    }

    public static AuthRule owner(
            Provider provider, String ownerField, String identityClaim, List<Operation> operations) {
        return new AuthRule(Strategy.OWNER, provider, ownerField, identityClaim, null, List.of(), null, operations);
    }

    /** Static groups ({@code groups}) or dynamic groups read from {@code groupsField}. */
    public static AuthRule groups(
            Provider provider, String groupClaim, List<String> groups, String groupsField, List<Operation> operations) {
        return new AuthRule(Strategy.GROUPS, provider, null, null, groupClaim, groups, groupsField, operations);
    }

    public static AuthRule privateAccess(Provider provider, List<Operation> operations) {
        return new AuthRule(Strategy.PRIVATE, provider, null, null, null, List.of(), null, operations);
    }

    public static AuthRule publicAccess(Provider provider, List<Operation> operations) {
        return new AuthRule(Strategy.PUBLIC, provider, null, null, null, List.of(), null, operations);
    }

    public static AuthRule custom(Provider provider, List<Operation> operations) {
        return new AuthRule(Strategy.CUSTOM, provider, null, null, null, List.of(), null, operations);
    }

    /** Whether the rule grants {@code operation}; {@code READ} covers get, list, sync and listen. */
    public boolean allows(Operation operation) {
        if (operations.contains(operation)) {
            return true;
        }
        return operations.contains(Operation.READ)
                && switch (operation) {
                    case GET, LIST, SYNC, LISTEN, SEARCH -> true;
                    default -> false;
                };
    }
}
