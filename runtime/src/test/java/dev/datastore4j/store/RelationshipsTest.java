package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.relations.Account;
import com.example.relations.Album;
import com.example.relations.Book;
import com.example.relations.Car;
import com.example.relations.Course;
import com.example.relations.DataStoreModels;
import com.example.relations.Desk;
import com.example.relations.Engine;
import com.example.relations.Enrollment;
import com.example.relations.Entry;
import com.example.relations.Lamp;
import com.example.relations.Playlist;
import com.example.relations.Shelf;
import com.example.relations.Student;
import com.example.relations.Track;
import com.example.relations.Transfer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a relationship finds its records, on composite keys (the bundled relations schema):
 * each side loads the other through the store, and deleting a parent deletes the records it has
 * (has-many, has-one, a join model's records) and none it belongs to, queueing a delete for each.
 */
class RelationshipsTest {
    @TempDir
    Path temp;

    private DataStore store;

    @BeforeEach
    void open() {
        store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("relations.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anImplicitHasManyOnACompositeKey() {
        Album album = store.save(Album.builder().artist("Nina").title("Pastel").build());
        Album other = store.save(Album.builder().artist("Nina").title("Silk").build());
        Track first = store.save(Track.builder().name("one").album(album).build());
        store.save(Track.builder().name("two").album(album).build());
        store.save(Track.builder().name("elsewhere").album(other).build());
        assertThat(album.tracks().load(store)).extracting(Track::name).containsExactlyInAnyOrder("one", "two");
        assertThat(first.album().load(store)).contains(album);

        assertThat(store.delete(album)).isTrue();
        assertThat(store.query(Track.class)).extracting(Track::name).containsExactly("elsewhere");
        assertThat(store.query(Album.class)).containsExactly(other);
    }

    @Test
    void aHasManyThroughAnIndexComesInTheIndexOrder() {
        Playlist mix = store.save(Playlist.builder().owner("ana").name("mix").build());
        for (int position : new int[] {3, 1, 2}) {
            store.save(Entry.builder().position(position).playlist(mix).build());
        }
        store.save(Entry.builder().position(0).playlist(Playlist.builder().owner("ana").name("other").build()).build());
        assertThat(mix.entries().load(store)).extracting(Entry::position).containsExactly(1, 2, 3);
        assertThat(store.query(Entry.class, mix.entries().predicate()).get(0).playlist().load(store)).contains(mix);
    }

    @Test
    void aHasOneAndTheBelongsToBesideItEachKeepTheirOwnKey() {
        Desk desk = store.save(Desk.builder().building("north").number(12).build());
        Lamp lamp = store.save(Lamp.builder().serial("L-1").model("arc").desk(desk).build());
        desk = store.save(desk.toBuilder().lamp(lamp).build());
        assertThat(desk.lamp().load(store)).contains(lamp);
        assertThat(lamp.desk().load(store)).contains(desk);

        store.delete(desk); // the lamp is the desk's: it goes too
        assertThat(store.query(Lamp.class)).isEmpty();
    }

    @Test
    void aHasOneNamedByFieldsOfItsOwn() {
        Engine engine = store.save(Engine.builder().maker("acme").code("V6").build());
        Car car = store.save(Car.builder().vin("VIN-1").engine(engine).build());
        assertThat(car.engine().load(store)).contains(engine);
        assertThat(Car.builder().vin("VIN-2").build().engine().load(store)).isEmpty();

        store.delete(car);
        assertThat(store.query(Engine.class)).isEmpty();
    }

    @Test
    void twoRelationshipsToOneModel() {
        Account ana = store.save(Account.builder().holder("ana").build());
        Account bob = store.save(Account.builder().holder("bob").build());
        Transfer rent = store.save(Transfer.builder().amount(500.0).sender(ana).recipient(bob).build());
        store.save(Transfer.builder().amount(20.0).sender(bob).recipient(ana).build());
        assertThat(ana.sent().load(store)).containsExactly(rent);
        assertThat(bob.received().load(store)).containsExactly(rent);
        assertThat(rent.sender().load(store)).contains(ana);
        assertThat(rent.recipient().load(store)).contains(bob);

        store.delete(ana); // every transfer she sent or received
        assertThat(store.query(Transfer.class)).isEmpty();
        assertThat(store.query(Account.class)).containsExactly(bob);
    }

    @Test
    void aManyToManyJoinsCompositeKeys() {
        Course algebra = store.save(Course.builder().code("MATH-1").term("2026-autumn").build());
        Student eve = store.save(Student.builder().id("s-1").name("Eve").build());
        Enrollment enrollment = store.save(Enrollment.builder().course(algebra).student(eve).build());
        assertThat(enrollment.courseterm()).isEqualTo("2026-autumn");
        assertThat(algebra.students().load(store)).containsExactly(enrollment);
        assertThat(eve.courses().load(store)).containsExactly(enrollment);
        assertThat(enrollment.course().load(store)).contains(algebra);

        store.delete(algebra); // the enrollment goes, the student stays
        assertThat(store.query(Enrollment.class)).isEmpty();
        assertThat(store.query(Student.class)).containsExactly(eve);
    }

    @Test
    void aHasManyByReferences() {
        Shelf shelf = store.save(Shelf.builder().room("reading").position(2).build());
        Book book = store.save(Book.builder().title("Dune").shelf(shelf).build());
        assertThat(shelf.books().load(store)).containsExactly(book);
        assertThat(book.shelf().load(store)).contains(shelf);

        int queued = store.outbox().size();
        store.delete(shelf);
        assertThat(store.query(Book.class)).isEmpty();
        assertThat(store.outbox().size()).as("two creates undone: nothing left to send for them").isEqualTo(queued - 2);
    }
}
