-- Demo catalogue for ./platform up: 3 clients, 40 products in a small category tree, and per client its own
-- prices with validity ranges around today, so the three price lists differ (docs/adr/0424). Idempotent:
-- categories, products and clients are keyed by names/codes and skipped when present; the demo clients' prices
-- are replaced as a whole.
INSERT INTO categories (name, parent_id)
SELECT 'Electronics', NULL WHERE NOT EXISTS (SELECT 1 FROM categories WHERE name = 'Electronics');
INSERT INTO categories (name, parent_id)
SELECT c.name, p.id FROM (VALUES ('Phones'), ('Laptops'), ('Кабели и адаптеры')) AS c(name)
JOIN categories p ON p.name = 'Electronics'
WHERE NOT EXISTS (SELECT 1 FROM categories WHERE name = c.name);

INSERT INTO products (sku, name, category_id, base_price, currency)
SELECT 'SKU-' || lpad(g::text, 4, '0'),
       CASE g % 4 WHEN 0 THEN 'Phone model ' || g
                  WHEN 1 THEN 'Laptop "Pro", ' || g || ' inch'
                  WHEN 2 THEN 'Кабель USB-C, ' || g || ' м'
                  ELSE 'Adapter ' || g END,
       (SELECT id FROM categories WHERE name = CASE g % 4 WHEN 0 THEN 'Phones' WHEN 1 THEN 'Laptops'
                                                          ELSE 'Кабели и адаптеры' END),
       round((10 + g * 7.35)::numeric, 2),
       CASE WHEN g % 5 = 0 THEN 'USD' ELSE 'EUR' END
FROM generate_series(1, 40) AS g
ON CONFLICT (sku) DO NOTHING;

INSERT INTO clients (code, name)
VALUES ('acme', 'ACME Corp'), ('globex', 'Globex, Inc.'), ('romashka', 'ООО «Ромашка»')
ON CONFLICT (code) DO NOTHING;

-- Each demo client's own terms. Expired and future rows show that only the price valid on the run date counts.
DELETE FROM client_prices
WHERE client_id IN (SELECT id FROM clients WHERE code IN ('acme', 'globex', 'romashka'));

-- acme: 10 % off phones this month; an expired 20 % deal on the same phones.
INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
SELECT c.id, p.id, round(p.base_price * 0.90, 2), current_date - 30, current_date + 30
FROM clients c, products p JOIN categories k ON k.id = p.category_id
WHERE c.code = 'acme' AND p.sku LIKE 'SKU-%' AND k.name = 'Phones';
INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
SELECT c.id, p.id, round(p.base_price * 0.80, 2), current_date - 90, current_date - 31
FROM clients c, products p JOIN categories k ON k.id = p.category_id
WHERE c.code = 'acme' AND p.sku LIKE 'SKU-%' AND k.name = 'Phones';

-- globex: 15 % off laptops, open-ended; negotiated fixed prices on three adapters; laptops 5 % off only from
-- next week (a newer row that is not valid yet).
INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
SELECT c.id, p.id, round(p.base_price * 0.85, 2), current_date - 60, NULL
FROM clients c, products p JOIN categories k ON k.id = p.category_id
WHERE c.code = 'globex' AND p.sku LIKE 'SKU-%' AND k.name = 'Laptops';
INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
SELECT c.id, p.id, f.price, current_date - 10, current_date + 80
FROM clients c, products p JOIN (VALUES ('SKU-0003', 9.99), ('SKU-0007', 19.99), ('SKU-0011', 29.99)) AS f(sku, price)
    ON f.sku = p.sku
WHERE c.code = 'globex';
INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
SELECT c.id, p.id, round(p.base_price * 0.95, 2), current_date + 7, NULL
FROM clients c, products p JOIN categories k ON k.id = p.category_id
WHERE c.code = 'globex' AND p.sku LIKE 'SKU-%' AND k.name = 'Laptops';

-- romashka: 7 % off cables and adapters, 3 % surcharge on phones and laptops, both for this quarter.
INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
SELECT c.id, p.id,
       round(p.base_price * CASE WHEN k.name = 'Кабели и адаптеры' THEN 0.93 ELSE 1.03 END, 2),
       current_date - 30, current_date + 60
FROM clients c, products p JOIN categories k ON k.id = p.category_id
WHERE c.code = 'romashka' AND p.sku LIKE 'SKU-%';
