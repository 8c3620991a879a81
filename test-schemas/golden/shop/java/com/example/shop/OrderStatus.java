package com.example.shop;

import javax.annotation.processing.Generated;

@Generated("dev.datastore4j.codegen")
public enum OrderStatus {
    PENDING,

    PAID,

    SHIPPED,

    CANCELLED
}
