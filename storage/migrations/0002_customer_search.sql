-- Search over customers: a trigram full-text index of each customer's
-- folded name, login, company and e-mail, so "find anything containing
-- this text" uses an index instead of reading every customer. Triggers keep
-- it in step with the customers table in the same transaction.

CREATE VIRTUAL TABLE customer_search USING fts5(text, tokenize = 'trigram');

INSERT INTO customer_search (rowid, text)
SELECT id, name_key || char(10) || ifnull(login_key, '') || char(10) || company || char(10) || email
FROM customers;

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
BEGIN
    INSERT INTO customer_search (rowid, text) VALUES (new.id,
        new.name_key || char(10) || ifnull(new.login_key, '') || char(10) || new.company || char(10) || new.email);
END;

CREATE TRIGGER customers_search_update AFTER UPDATE OF name_key, login_key, company, email ON customers
BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    INSERT INTO customer_search (rowid, text) VALUES (new.id,
        new.name_key || char(10) || ifnull(new.login_key, '') || char(10) || new.company || char(10) || new.email);
END;
