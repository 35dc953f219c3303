-- Client list at a million clients (issue 13): a filter on a field a user can pick answers from an index rather than
-- by reading every client. Custom fields get theirs on demand (clientquery.CustomFieldIndexes); these are the standard
-- fields whose filters are selective and had none. Every index on client is written by each bulk edit of a custom
-- field (such an update is never HOT), so fields that are rarely selective (type, language, status, VAT liability:
-- a page or a count stops after a few rows in name order) or change on every edit (updated_at) have none.

-- The filter compares enterprise_number (char(10)) with a text value, which the plain index on the column cannot serve.
drop index client_enterprise_number_idx;
create index client_enterprise_number_idx on client ((enterprise_number::text));

-- "My clients": filters on the responsible user.
create index client_responsible_user_idx on client (responsible_user_id);

-- No trigram index for the name search (name=like=*text*): a GIN entry per trigram of the name, written again by every
-- bulk edit of a custom field, made such an edit slower than everything else this migration saves. A common word stops
-- the count at its bound and the page after a few hundred rows in name order; a rare one reads the table.
