package org.sanke.classroom.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.sanke.classroom.Person;

/** Accounts in memory, for tests and throwaway runs; people's roles come from the given lookup. */
public final class MemoryAccountStore implements AccountStore {
    private final Map<String, Account> byPerson = new HashMap<>();
    private final Map<String, Set<String>> recoveryCodes = new HashMap<>();
    private final Function<String, Optional<Person>> people;

    public MemoryAccountStore(Function<String, Optional<Person>> people) {
        this.people = people;
    }

    @Override
    public synchronized void add(Account account) {
        if (byPerson.containsKey(account.personId()) || byLoginName(account.loginName()).isPresent()) {
            throw new IllegalArgumentException("the person already has an account, or the login name is taken");
        }
        byPerson.put(account.personId(), account);
    }

    @Override
    public synchronized void update(Account account) {
        byPerson.put(account.personId(), account);
    }

    @Override
    public synchronized Optional<Account> byLoginName(String loginName) {
        return byPerson.values().stream().filter(a -> a.loginName().equals(loginName)).findFirst();
    }

    @Override
    public synchronized Optional<Account> byPerson(String personId) {
        return Optional.ofNullable(byPerson.get(personId));
    }

    @Override
    public synchronized int countWithRole(String personRole) {
        return (int) byPerson.keySet().stream().map(people).flatMap(Optional::stream)
                .filter(p -> p.role().name().equals(personRole)).count();
    }

    @Override
    public synchronized void setRecoveryCodes(String personId, List<String> codeHashes) {
        recoveryCodes.put(personId, new HashSet<>(new ArrayList<>(codeHashes)));
    }

    @Override
    public synchronized boolean useRecoveryCode(String personId, String codeHash) {
        Set<String> codes = recoveryCodes.get(personId);
        return codes != null && codes.remove(codeHash);
    }
}
