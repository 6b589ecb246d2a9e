package org.sanke.classroom.privacy;

import java.util.List;
import java.util.Optional;

/** Deletion requests; kept after the person is gone, as the record that the request was handled (opaque ids only). */
public interface DataRequestStore {
    void add(DataRequest request);

    void update(DataRequest request);

    Optional<DataRequest> find(String id);

    /** A person's requests, newest first. */
    List<DataRequest> ofPerson(String personId);

    /** Every pending request, oldest first. */
    List<DataRequest> pending();
}
