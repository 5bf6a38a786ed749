-- Catalog read by the price export. Money is numeric (never float); dates are calendar dates.

CREATE TABLE categories (
    id        bigserial PRIMARY KEY,
    parent_id bigint REFERENCES categories (id),
    name      text   NOT NULL,
    CONSTRAINT categories_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX categories_parent_idx ON categories (parent_id);

CREATE TABLE products (
    id          bigserial PRIMARY KEY,
    sku         text           NOT NULL UNIQUE,
    name        text           NOT NULL,
    category_id bigint         NOT NULL REFERENCES categories (id),
    base_price  numeric(14, 4) NOT NULL CHECK (base_price >= 0),
    currency    char(3)        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    active      boolean        NOT NULL DEFAULT true
);
CREATE INDEX products_category_idx ON products (category_id);
-- The export reads active products in SKU order.
CREATE INDEX products_active_sku_idx ON products (sku) INCLUDE (id, category_id) WHERE active;

CREATE TABLE clients (
    id     bigserial PRIMARY KEY,
    -- The code becomes part of an object key, so it is restricted to key-safe characters.
    code   text    NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,64}$'),
    name   text    NOT NULL,
    active boolean NOT NULL DEFAULT true
);

-- A client-specific price, valid on [valid_from, valid_to] (both inclusive; valid_to NULL = open-ended).
-- Client prices are in the product's currency. When ranges overlap, the row with the latest valid_from wins,
-- ties broken by the highest id (the most recently entered row). No client price valid on the date means
-- the product's base price applies.
CREATE TABLE client_prices (
    id         bigserial PRIMARY KEY,
    client_id  bigint         NOT NULL REFERENCES clients (id),
    product_id bigint         NOT NULL REFERENCES products (id),
    price      numeric(14, 4) NOT NULL CHECK (price >= 0),
    valid_from date           NOT NULL,
    valid_to   date,
    CONSTRAINT client_prices_range CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- Serves the per-(client, product) lookup of the winning price: equality on both ids, newest first.
CREATE INDEX client_prices_lookup_idx
    ON client_prices (client_id, product_id, valid_from DESC, id DESC) INCLUDE (valid_to, price);
CREATE INDEX client_prices_product_idx ON client_prices (product_id);

-- Read-only role for the export's catalog reads. NOLOGIN: grant it to the login user the exporter runs as
-- (GRANT ${readrole} TO <login user>); the exporter switches to it with SET LOCAL ROLE while it reads.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${readrole}') THEN
        CREATE ROLE ${readrole} NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO ${readrole};
GRANT SELECT ON categories, products, clients, client_prices TO ${readrole};
