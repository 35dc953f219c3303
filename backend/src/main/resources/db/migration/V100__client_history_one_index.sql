-- Each history row was written into two indexes: its primary key on id, and (client_id, at desc, id desc), the order
-- every reader pages a client's history in. No reader looks a row up by its id alone: the id only orders the rows of
-- one client at one instant (and names the row in the API). The key is now that one index, (client_id, at, id), read
-- backwards for the newest first: every history row costs one index entry instead of two (a bulk edit of a million
-- clients writes a million rows).
alter table client_history drop constraint client_history_pkey;
drop index client_history_client_idx;
alter table client_history add constraint client_history_pkey primary key (client_id, at, id);
