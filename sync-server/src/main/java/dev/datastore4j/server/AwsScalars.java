package dev.datastore4j.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import graphql.Scalars;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AppSync's built-in scalars, which the API schema uses without declaring, and a check added to
 * GraphQL's own {@code Float} ({@link #finiteFloat}). Values of AppSync's scalars are kept as
 * their JSON form (text for dates, times, e-mail and so on, a number for AWSTimestamp), as the
 * client sent them, once they have the form AppSync requires of them: a record holding a date a
 * typed client cannot read would break every client that syncs it.
 *
 * <p>The forms, from AppSync's scalar reference: AWSDate {@code YYYY-MM-DD}, AWSTime {@code
 * hh:mm[:ss[.fraction of 1-9 digits]]}, both with an optional offset ({@code Z}, {@code ±hh:mm} or
 * {@code ±hh:mm:ss}); AWSDateTime a date, {@code T}, a time and an offset, which it must have;
 * AWSTimestamp an integer; AWSJSON text holding one JSON value (a JSON object or list sent as
 * such in the variables is kept as its text); AWSURL an absolute URL with no {@code //} in its
 * path; AWSIPAddress an IPv4 or IPv6 address, optionally with a prefix length. AWSEmail and
 * AWSPhone are checked loosely (AppSync checks phone numbers against numbering plans, which no
 * rule here could follow): {@code local@domain} without spaces, and digits with the usual
 * separators. Generated Java models refuse the same AWSEmail, AWSJSON, AWSURL, AWSPhone and
 * AWSIPAddress values (the runtime's {@code ScalarRules}; the modules share no code, and {@code
 * ScalarsTest} checks that both agree), so what an app saves offline is what this server takes.
 */
final class AwsScalars {
    static final List<String> NAMES = List.of("AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp", "AWSEmail",
            "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress");

    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    private static final String TIME = "(\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)";
    private static final String OFFSET = "(Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)";
    private static final Pattern AWS_DATE = Pattern.compile(DATE + OFFSET + "?");
    private static final Pattern AWS_TIME = Pattern.compile(TIME + OFFSET + "?");
    private static final Pattern AWS_DATE_TIME = Pattern.compile(DATE + "T" + TIME + OFFSET);
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]+");
    private static final Pattern IP_V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IP_V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final JsonFactory JSON = ProtocolJson.JSON.getFactory();

    private AwsScalars() {}

    static String declarations() {
        StringBuilder sdl = new StringBuilder();
        NAMES.forEach(name -> sdl.append("scalar ").append(name).append('\n'));
        sdl.append("directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION\n");
        return sdl.toString();
    }

    static GraphQLScalarType scalar(String name) {
        return GraphQLScalarType.newScalar().name(name).description("AppSync scalar " + name)
                .coercing(new Checked(name)).build();
    }

    /**
     * GraphQL's {@code Float}, refusing a literal beyond a double's range: graphql-java reads
     * {@code 1e400} in a document as infinity, which it then cannot write back, so the record
     * holding it would fail every later read and sync. (JSON variables are refused already.)
     */
    static GraphQLScalarType finiteFloat() {
        Coercing<?, ?> standard = Scalars.GraphQLFloat.getCoercing();
        return GraphQLScalarType.newScalar(Scalars.GraphQLFloat).coercing(new FiniteFloat(standard)).build();
    }

    @SuppressWarnings("deprecation") // graphql-java keeps the simple Coercing methods for compatibility
    private record FiniteFloat(Coercing<?, ?> standard) implements Coercing<Object, Object> {
        @Override
        public Object serialize(Object value) {
            return standard.serialize(value);
        }

        @Override
        public Object parseValue(Object input) {
            return standard.parseValue(input);
        }

        @Override
        public Object parseLiteral(Object input) {
            Object value = standard.parseLiteral(input);
            if (value instanceof Double number && !Double.isFinite(number)) {
                throw new CoercingParseLiteralException("not a valid Float (a finite number): " + number);
            }
            return value;
        }
    }

    /**
     * {@code value} (as read from JSON variables or a literal) as it is kept, or null when it is
     * not a valid value of {@code scalar}.
     */
    private static Object accepted(String scalar, Object value) {
        if (value == null) { // a literal of another kind (an object, a list, an enum value)
            return null;
        }
        if (scalar.equals("AWSTimestamp")) {
            return isInteger(value) ? value : null;
        }
        if (scalar.equals("AWSJSON") && !(value instanceof String)) {
            try {
                return ProtocolJson.JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        if (!(value instanceof String text)) {
            return null;
        }
        boolean valid = switch (scalar) {
            case "AWSDate" -> temporal(AWS_DATE.matcher(text), true, false);
            case "AWSTime" -> temporal(AWS_TIME.matcher(text), false, true);
            case "AWSDateTime" -> temporal(AWS_DATE_TIME.matcher(text), true, true);
            case "AWSEmail" -> EMAIL.matcher(text).matches();
            case "AWSJSON" -> isJson(text);
            case "AWSURL" -> isUrl(text);
            case "AWSPhone" -> PHONE.matcher(text).matches() && text.chars().filter(Character::isDigit).count() >= 3;
            case "AWSIPAddress" -> isIpAddress(text);
            default -> throw new IllegalArgumentException("not an AppSync scalar: " + scalar);
        };
        return valid ? text : null;
    }

    /** Whether {@code matcher}'s text matches, and its date, time and offset groups are real ones. */
    private static boolean temporal(Matcher matcher, boolean hasDate, boolean hasTime) {
        if (!matcher.matches()) {
            return false;
        }
        try {
            int group = 1;
            if (hasDate) {
                LocalDate.parse(matcher.group(group++));
            }
            if (hasTime) {
                LocalTime.parse(matcher.group(group++));
            }
            String offset = matcher.group(group);
            if (offset != null) {
                ZoneOffset.of(offset);
            }
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger big && big.bitLength() < 64;
    }

    /** Whether {@code text} is one JSON value: read as tokens, without building it (half the time of a tree). */
    private static boolean isJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUrl(String text) {
        try {
            URI url = new URI(text);
            return url.isAbsolute() && (url.getRawPath() == null || !url.getRawPath().contains("//"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isIpAddress(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        int maxPrefix;
        Matcher v4 = IP_V4.matcher(address);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            maxPrefix = 32;
        } else if (IP_V6.matcher(address).matches()) {
            try {
                InetAddress.getByName(address); // an IPv6 literal is parsed, never looked up
            } catch (UnknownHostException e) {
                return false;
            }
            maxPrefix = 128;
        } else {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String prefix = text.substring(slash + 1);
        return prefix.matches("\\d{1,3}") && Integer.parseInt(prefix) <= maxPrefix;
    }

    @SuppressWarnings("deprecation") // graphql-java keeps the simple Coercing methods for compatibility
    private record Checked(String name) implements Coercing<Object, Object> {
        @Override
        public Object serialize(Object value) {
            return value; // as stored
        }

        @Override
        public Object parseValue(Object input) {
            Object value = accepted(name, input);
            if (value == null) {
                throw new CoercingParseValueException(problem(input));
            }
            return value;
        }

        @Override
        public Object parseLiteral(Object input) {
            Value<?> literal = (Value<?>) input;
            Object plain = null;
            if (literal instanceof StringValue s) {
                plain = s.getValue();
            } else if (literal instanceof IntValue i) {
                plain = i.getValue();
            } else if (literal instanceof FloatValue f) {
                plain = f.getValue().doubleValue();
            } else if (literal instanceof BooleanValue b) {
                plain = b.isValue();
            }
            Object value = accepted(name, plain);
            if (value == null) {
                throw new CoercingParseLiteralException(problem(plain == null ? literal : plain));
            }
            return value instanceof BigInteger big ? big.longValue() : value;
        }

        private String problem(Object value) {
            String shown = value instanceof String text ? '"' + text + '"' : String.valueOf(value);
            if (shown.length() > 100) {
                shown = shown.substring(0, 100) + "...";
            }
            return "not a valid " + name + ": " + shown;
        }
    }
}
