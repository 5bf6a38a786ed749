-- Demo catalogue for ./platform up: 3 clients, 40 products in a small category tree, client prices with
-- validity ranges around today. Idempotent: rows are keyed by names/codes and skipped when present.
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

-- Every third product gets a client price: one current, one expired, one starting next week.
INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
SELECT c.id, p.id, round(p.base_price * 0.9, 2), current_date - 30, current_date + 30
FROM clients c CROSS JOIN products p
WHERE p.sku LIKE 'SKU-%' AND substr(p.sku, 5)::int % 3 = 0
  AND NOT EXISTS (SELECT 1 FROM client_prices cp WHERE cp.client_id = c.id AND cp.product_id = p.id);
INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
SELECT c.id, p.id, round(p.base_price * 0.8, 2), current_date - 90, current_date - 31
FROM clients c CROSS JOIN products p
WHERE c.code = 'acme' AND p.sku LIKE 'SKU-%' AND substr(p.sku, 5)::int % 3 = 0
  AND (SELECT count(*) FROM client_prices cp WHERE cp.client_id = c.id AND cp.product_id = p.id) = 1;
