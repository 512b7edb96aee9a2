#pragma once
// An import's sessions written many to a statement (records/pending_rows.hpp), kept by the
// SessionIndex only while it holds every session of the table in memory (hold_all): then nothing
// of the import reads the table before it has them all.

#include "bulk_rows.hpp"
#include "records/pending_rows.hpp"

namespace vstation::store {

using PendingSessions = PendingRows<
    StoredRows<Session, &sessions::next_id, &sessions::values_with_ids, &sessions::insert_values>>;

}  // namespace vstation::store
