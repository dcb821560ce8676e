"""Labelled pairs for the intake duplicate check (``app.domain.name_matching``).

Written from domain knowledge before the matcher was tuned: ``True`` means the two
records describe the same person, ``False`` that they are different people. The hard
negatives are deliberate (twins, siblings, parents and children with the same name,
common family names with different birthdays, names one letter apart that are
different names). Dates: ``"YYYY-MM-DD"``, ``"YYYY"`` for a year-only date, ``None``
for unknown. ``01-01`` dates are the placeholder common in refugees' papers.

Used by ``tests/app/test_name_matching.py`` and the benchmark script
(``evaluate(PAIRS)`` gives precision and recall).
"""

from __future__ import annotations

import datetime as dt

from app.domain.name_matching import PersonKey


def p(family: str, given: str, born: str | None = None) -> PersonKey:
    if born is None:
        return PersonKey(family, given, None)
    if len(born) == 4:
        return PersonKey(family, given, dt.date(int(born), 1, 1), birth_year_only=True)
    return PersonKey(family, given, dt.date.fromisoformat(born))


SAME: list[tuple[PersonKey, PersonKey]] = [
    # Arabic names in Latin transliteration
    (p("Ahmad", "Mohammed", "1990-03-12"), p("Ahmed", "Muhammad", "1990-03-12")),
    (p("Rahimi", "Mohamad", "1988-11-02"), p("Rahimi", "Muhammed", "1988-11-02")),
    (p("Hussein", "Omar", "1979-05-30"), p("Husain", "Omar", "1979-05-30")),
    (p("Yildiz", "Hussein", "1983-02-17"), p("Yıldız", "Hüseyin", "1983-02-17")),
    (p("Al-Hassan", "Mohammed", "1982-12-01"), p("Alhassan", "Muhammed", "1982")),
    (p("Al Hassan", "Mohammed", "1982-12-01"), p("Hassan", "Mohammed", "1982-12-01")),
    (p("El-Sayed", "Ahmed", "1977-03-03"), p("Elsayed", "Ahmed", "1977-03-03")),
    (p("Abdel Rahman", "Khaled", "1989-09-15"), p("Abdelrahman", "Khalid", "1989-09-15")),
    (p("Abdulrahman", "Khalid", "1989-09-15"), p("Abdel-Rahman", "Khaled", "1989-09-15")),
    (p("Abu-Bakr", "Fatima", "2001-10-10"), p("Abu Bakr", "Fatima", "2001-10-10")),
    (p("Abubakr", "Fatima", "2001-10-10"), p("Abu Bakr", "Fatima", "2001-10-10")),
    (p("Osman", "Yusuf", "2000-01-01"), p("Othman", "Youssef", "2000")),
    (p("Said", "Abdullahi", "1990"), p("Saeed", "Abdullahi", "1990")),
    (p("Mahmood", "Tariq", "1982-04-04"), p("Mahmud", "Tarek", "1982-04-04")),
    (p("Jafari", "Zainab", "1999-09-09"), p("Jaafari", "Zeinab", "1999-09-09")),
    (p("Haji", "Khadija", "1994-01-01"), p("Hadschi", "Chadidscha", "1994")),
    (p("Ibrahim", "Amal", "1996-03-15"), p("Ibrahim", "Amal", "1996-03-16")),
    (p("Ibrahim", "Amal", "1996-03-15"), p("Ibrahim", "Amal")),
    # Arabic and Persian script against Latin
    (p("رضایی", "محمد", "1994-09-23"), p("Rezaei", "Mohammad", "1994-09-23")),
    (p("الحسن", "محمد", "1982-12-01"), p("Al-Hassan", "Mohammed", "1982-12-01")),
    # Persian / Afghan names
    (p("Ahmadi", "Fatemeh", "1991-01-01"), p("Ahmadi", "Fatima", "1991")),
    (p("Hosseini", "Maryam", "1986-07-07"), p("Husseini", "Mariam", "1986-07-07")),
    (p("Hosseini", "Sakineh", "1960"), p("Hosseini", "Sakina", "1960-01-01")),
    (p("Haidari", "Ali Reza", "1997-01-01"), p("Haidari", "Alireza", "1997-03-21")),
    (p("Sultani", "Zahra", "2003"), p("Sultani", "Zahra", "2003-05-12")),
    (p("Mohammadi", "Sayed Ahmad", "1985-01-01"), p("Mohammadi", "Ahmad", "1985-06-10")),
    (p("Ahmadzai", "Rahmatullah", "2004-01-01"), p("Ahmadzai", "Rahmatullah", "2003-01-01")),
    (p("Qasimi", "Javad", "1990-05-20"), p("Ghasemi", "Jawad", "1990-05-20")),
    (p("Rostami", "Mahnaz", "1987-08-08"), p("Rustami", "Mahnaz", "1987-08-08")),
    (p("Sharifi", "Shirin", "1993-03-03"), p("Scharifi", "Schirin", "1993-03-03")),
    (p("Mirzaei", "Reza", "1991-01-01"), p("Mirzayi", "Reza", "1991-01-01")),
    (p("Nazari", "Mohammad", "1999-01-01"), p("Mohammed", "Nazari", "1999")),
    # Ukrainian / Russian, Cyrillic and transliterations (English, German, passport)
    (p("Kovalenko", "Yuliia", "1992-07-14"), p("Kowalenko", "Julija", "1992-07-14")),
    (p("Kovalenko", "Yulia", "1992-07-14"), p("Коваленко", "Юлия", "1992-07-14")),
    (p("Petrenko", "Olga", "1980-03-08"), p("Petrenko", "Olha", "1980-03-08")),
    (p("Шевченко", "Олександр", "1978-08-24"), p("Shevchenko", "Oleksandr", "1978-08-24")),
    (p("Shevchenko", "Aleksandr", "1978-08-24"), p("Shevchenko", "Oleksandr", "1978-08-24")),
    (p("Bondarenko", "Sergei", "1983-04-11"), p("Bondarenko", "Serhii", "1983-04-11")),
    (p("Bondarenko", "Serhiy", "1983-04-11"), p("Bondarenko", "Sergiy", "1983-04-11")),
    (p("Zhukova", "Yekaterina", "1972-06-30"), p("Schukowa", "Jekaterina", "1972-06-30")),
    (p("Жукова", "Екатерина", "1972-06-30"), p("Zhukova", "Ekaterina", "1972-06-30")),
    (p("Tkachenko", "Iryna", "1969-11-11"), p("Tkatschenko", "Irina", "1969-11-11")),
    (p("Melnyk", "Andrii", "1995-12-12"), p("Melnik", "Andrey", "1995-12-12")),
    (p("Kravchuk", "Natalia", "1981-01-25"), p("Krawtschuk", "Natalija", "1981-01-25")),
    (p("Dmitriev", "Dmitry", "1976-04-12"), p("Dmitrijew", "Dmitrij", "1976-04-12")),
    (p("Alexejew", "Sergej", "1979-10-01"), p("Alekseev", "Sergey", "1979-10-01")),
    (p("Jusupov", "Timur", "1990-10-10"), p("Yusupov", "Timur", "1990-10-10")),
    (p("Aliyev", "Rashid", "1980-12-31"), p("Aliev", "Rashid", "1980-12-31")),
    # Turkish and German letters
    (p("Yılmaz", "Hüseyin", "1975-09-09"), p("Yilmaz", "Hueseyin", "1975-09-09")),
    (p("Gül", "Ayşe", "1974-07-01"), p("Guel", "Ayse", "1974-07-01")),
    (p("Çelik", "Gökhan", "1990-10-29"), p("Celik", "Goekhan", "1990-10-29")),
    (p("Öztürk", "Emine", "1968-02-14"), p("Ozturk", "Emine", "1968-02-14")),
    (p("Sahin", "Mehmet", "1958-03-01"), p("Şahin", "Mehmet", "1958-03-01")),
    (p("Müller", "Anna", "1970-04-04"), p("Mueller", "Anna", "1970-04-04")),
    (p("Weiß", "Peter", "1965-12-24"), p("Weiss", "Peter", "1965-12-24")),
    (p("Becker", "Jonas", "2002-02-20"), p("BECKER ", " jonas", "2002-02-20")),
    # Typos and dates entered wrongly
    (p("Schmidt", "Katharina", "1990-02-02"), p("Schmitd", "Katharina", "1990-02-02")),
    (p("Nowak", "Agniezska", "1988-08-08"), p("Nowak", "Agnieszka", "1988-08-08")),
    (p("Lehmann", "Sabine", "1975-05-05"), p("Lehman", "Sabine", "1975-05-05")),
    (p("Kowalski", "Jan", "1960-09-09"), p("Kowalsky", "Jan", "1960-09-09")),
    (p("Lopez", "Maria", "1990-04-07"), p("Lopez", "Maria", "1990-07-04")),
    (p("Demir", "Fatma", "1965-06-01"), p("Demir", "Fatma", "1965-01-06")),
    # Swapped names, name parts moved between fields, several given names
    (p("Karim", "Ahmad", "1995-06-01"), p("Ahmad", "Karim", "1995-06-01")),
    (p("Ali", "Hassan Mohamed", "1992-01-01"), p("Mohamed Ali", "Hassan", "1992-01-01")),
    (p("Mohamed", "Abdi Hassan", "1999-05-05"), p("Abdi Hassan", "Mohamed", "1999-05-05")),
    (p("Haddad", "Mohammed Ali", "1987-08-19"), p("Haddad", "Mohammed", "1987-08-19")),
    (p("Chaudhry", "Mohammad Asif", "1984-02-29"), p("Chaudhary", "Asif", "1984-02-29")),
    (p("Nguyen", "Thi Lan", "1987-05-19"), p("Nguyen", "Lan", "1987-05-19")),
    (p("Nguyễn", "Thị Lan", "1987-05-19"), p("Nguyen", "Thi Lan", "1987-05-19")),
    # East Africa: placeholder dates, split names
    (p("Tesfaye", "Meron", "1998-01-01"), p("Tesfay", "Meron", "1998")),
    (p("Gebremariam", "Yonas", "1995-01-01"), p("Gebre Mariam", "Yonas", "1995-09-11")),
    # Held out: written after the matcher was tuned on the pairs above, kept as scored
    (p("Mohammad", "Ahmad Shah", "1995-01-01"), p("Mohammad", "Ahmadshah", "1995")),
    (p("Al-Khatib", "Rami", "1987-06-14"), p("Alkhatib", "Rami", "1987-06-14")),
    (p("Khatib", "Rami", "1987-06-14"), p("Al Khatib", "Rami", "1987-06-14")),
    (p("Ahmed", "Abdullah", "2003-01-01"), p("Ahmad", "Abdallah", "2003-01-01")),
    (p("Hamdan", "Noura", "1992-11-05"), p("Hamdan", "Nura", "1992-11-05")),
    (p("Yousef", "Mustafa", "1980-09-09"), p("Yusuf", "Mustapha", "1980-09-09")),
    (p("Abdi", "Hodan", "1997-01-01"), p("Abdi", "Hodan", "1997-07-15")),
    (p("Nasser", "Layla", "1993-02-28"), p("Nasser", "Leila", "1993-02-28")),
    (p("Ibrahimi", "Mariam", "2001"), p("Ebrahimi", "Maryam", "2001-01-01")),
    (p("Soltani", "Ali", "1999-01-01"), p("Sultani", "Ali", "1999-01-01")),
    (
        p("Hashemi", "Mohammad Hossein", "1976-03-21"),
        p("Hashimi", "Mohammad Hussain", "1976-03-21"),
    ),
    (p("Kuznetsova", "Anastasia", "1988-10-10"), p("Kusnezowa", "Anastasija", "1988-10-10")),
    (p("Кузнецова", "Анастасия", "1988-10-10"), p("Kuznetsova", "Anastasiia", "1988-10-10")),
    (p("Hrytsenko", "Oleh", "1974-05-09"), p("Grizenko", "Oleg", "1974-05-09")),
    (p("Savchenko", "Halyna", "1959-08-30"), p("Sawtschenko", "Galina", "1959-08-30")),
    (p("Wójcik", "Paweł", "1985-03-17"), p("Wojcik", "Pawel", "1985-03-17")),
    (p("Novák", "Jiří", "1990-12-01"), p("Novak", "Jiri", "1990-12-01")),
    (p("Krasniqi", "Arbën", "1994-04-04"), p("Krasniqi", "Arben", "1994-04-04")),
    (p("Ahmadi", "Gul Ahmad", "1970"), p("Ahmadi", "Gulahmad", "1970-01-01")),
    (p("Tahir", "Mohammed", "1991-05-05"), p("Taher", "Mohamed", "1991-05-05")),
    (p("Hasan", "Hüseyin", "1982-08-08"), p("Hassan", "Huseyin", "1982-08-08")),
    (p("Mohammed", "Omar", "1996-06-12"), p("Omar", "Mohammed", "1996-12-06")),
]

DIFFERENT: list[tuple[PersonKey, PersonKey]] = [
    # Common names, different people
    (p("Ahmad", "Mohammed", "1990-03-12"), p("Ahmad", "Mohammed", "1975-08-01")),
    (p("Mohammadi", "Ali", "1990-01-01"), p("Mohammadi", "Ali", "1964-01-01")),
    (p("Ahmadi", "Mohammad", "1965-01-01"), p("Ahmadi", "Mohammad", "1995-01-01")),
    (p("Ali", "Mohamed", "1980"), p("Ali", "Mohamed", "1992")),
    (p("Yılmaz", "Mehmet", "1970-03-03"), p("Yilmaz", "Mehmet", "1972-03-03")),
    (p("Kaya", "Ayşe", "1980-02-11"), p("Kaya", "Ayse", "1981-06-15")),
    (p("Ivanova", "Natalia", "1975-01-01"), p("Ivanova", "Natalia", "1978-01-01")),
    (p("Bondarenko", "Serhii", "1983-04-11"), p("Bondarenko", "Serhii", "1953-04-11")),
    (p("Nazari", "Zahra", "2001-01-01"), p("Nazari", "Zahra", "2011-01-01")),
    (p("Hoffmann", "Klaus", "1950-10-10"), p("Hofmann", "Klaus", "1960-10-10")),
    (p("Kuznetsov", "Ivan", "1977-07-07"), p("Kusnezow", "Iwan", "1987-07-07")),
    (p("Sahin", "Mehmet", "1958-03-01"), p("Sahin", "Mehmet Ali", "1985-03-01")),
    (p("Karim", "Ahmad", "1995-06-01"), p("Ahmad", "Karim", "1980-02-02")),
    # Similar family names, different birthdays
    (p("Schmitz", "Thomas", "1970-01-15"), p("Schmidt", "Thomas", "1971-03-20")),
    (p("Meyer", "Anna", "1980-05-05"), p("Maier", "Anna", "1962-11-30")),
    (p("Müller", "Anna", "1970-04-04"), p("Möller", "Anna", "1970-09-09")),
    # Siblings and spouses: same family name, different given names
    (p("Haddad", "Omar", "1990-04-04"), p("Haddad", "Amira", "1993-07-07")),
    (p("Kovalenko", "Yuliia", "1992-07-14"), p("Kovalenko", "Oksana", "1995-02-02")),
    (p("Nguyen", "Thi Lan", "1987-05-19"), p("Nguyen", "Thi Hoa", "1990-02-02")),
    (p("Müller", "Anna", "1970-04-04"), p("Müller", "Hanna", "1985-04-04")),
    (p("Petrenko", "Olga", "1980-03-08"), p("Petrenko", "Olena", "1983-10-10")),
    (p("Ivanov", "Sergei", "1980-05-05"), p("Ivanova", "Svetlana", "1982-09-09")),
    (p("Yusupov", "Timur", "1990-10-10"), p("Yusupova", "Dilnoza", "1992-01-01")),
    (p("Wagner", "Julia", "1991-05-05"), p("Wagner", "Julian", "1993-08-08")),
    (p("Popescu", "Ion", "1969-04-04"), p("Popescu", "Ioana", "1971-01-01")),
    (p("Nowak", "Agnieszka", "1988-08-08"), p("Nowak", "Agata", "1990-08-08")),
    (p("Chaudhry", "Mohammad Asif", "1984-02-29"), p("Chaudhry", "Mohammad Arif", "1986-05-05")),
    (p("Shevchenko", "Oleksandr", "1978-08-24"), p("Шевченко", "Олексій", "1981-03-15")),
    (p("Singh", "Gurpreet", "1985-05-05"), p("Singh", "Harpreet", "1985-11-11")),
    (p("Darwish", "Mohammed", "1988-02-10"), p("Darwish", "Mahmoud", "1988-12-01")),
    # Twins: same family name and birthday
    (p("Haddad", "Hassan", "2005-06-06"), p("Haddad", "Hussein", "2005-06-06")),
    (p("Rahimi", "Amina", "2010-02-02"), p("Rahimi", "Fatima", "2010-02-02")),
    (p("Hamid", "Ali", "2012-04-04"), p("Hamid", "Alia", "2012-04-04")),
    (p("Lehmann", "Sabine", "1975-05-05"), p("Lehmann", "Sebastian", "1975-05-05")),
    # Placeholder or year-only dates in the same year, different given names
    (p("Mohamed", "Amina", "1990-01-01"), p("Mohamed", "Aisha", "1990-01-01")),
    (p("Mohamed", "Amina", "1990-01-01"), p("Amin", "Mohamed", "1990-01-01")),
    (p("Mohammadi", "Sayed Ahmad", "1985-01-01"), p("Mohammadi", "Sayed Mahmood", "1985-01-01")),
    (p("Haidari", "Ali Reza", "1997-01-01"), p("Haidari", "Ali Akbar", "1997-01-01")),
    (p("Tesfaye", "Meron", "1998-01-01"), p("Tesfaye", "Merhawi", "1998-01-01")),
    (p("Osman", "Yusuf", "2000-01-01"), p("Osman", "Yunus", "2000")),
    (p("Kaur", "Manpreet", "1990"), p("Kaur", "Manjeet", "1990")),
    (p("Kim", "Min-jun", "2000-01-01"), p("Kim", "Min-seo", "2000-01-01")),
    (p("Rezaei", "Mohammad", "1994-09-23"), p("Rezaei", "Mahmoud", "1994")),
    # Same given name and birthday, different family names
    (p("Kovalenko", "Yulia", "1992-07-14"), p("Kovalchuk", "Yulia", "1992-07-14")),
    (p("Al-Hassan", "Mohammed", "1982-12-01"), p("Al-Hussein", "Mohammed", "1982-12-01")),
    (p("Qasimi", "Javad", "1990-05-20"), p("Kazemi", "Javad", "1990-05-20")),
    (p("Abdelrahman", "Khalid", "1989-09-15"), p("Abdelrahim", "Khalid", "1989-09-15")),
    (p("Gebremariam", "Yonas", "1995-01-01"), p("Gebremedhin", "Yonas", "1995-01-01")),
    (p("Schneider", "Lena", "1999-09-09"), p("Okafor", "Chinedu", "1999-09-09")),
    (p("Mohammadi", "Sakina", "1960"), p("Mohammadi", "Zahra", "1960")),
    # Without a birthday on one side
    (p("Ibrahim", "Amal", "1996-03-15"), p("Ibrahim", "Amir")),
    (p("Ahmad", "Karim", None), p("Ahmadi", "Karima", None)),
    # More of the same kinds
    (p("Ahmadi", "Mohammad", "1990-05-05"), p("Ahmadi", "Mohammad Reza", "1992-05-05")),
    (p("Hussein", "Omar", "1979-05-30"), p("Hussein", "Omar", "1979-11-02")),
    (p("Becker", "Jonas", "2002-02-20"), p("Becker", "Lukas", "2002-02-20")),
    (p("Ali", "Fatima", "1985"), p("Ali", "Fatima", "1995")),
    (p("Petrov", "Ivan", "1950-01-01"), p("Petrov", "Ivan", "1980-01-01")),
    (p("Omar", "Ali", "1990-03-03"), p("Omari", "Alia", "1990-03-03")),
    # Held out: written after the matcher was tuned on the pairs above, kept as scored
    (p("Hashemi", "Mohammad", "1976-03-21"), p("Hashemi", "Mahmoud", "1979-03-21")),
    (p("Nasser", "Layla", "1993-02-28"), p("Nasser", "Lina", "1993-02-28")),
    (p("Hamdan", "Noura", "1992-11-05"), p("Hamdan", "Nour", "1994-01-01")),
    (p("Yousef", "Mustafa", "1980-09-09"), p("Yousef", "Mustafa", "1956-01-01")),
    (p("Abdi", "Hodan", "1997-01-01"), p("Abdi", "Hamdi", "1997-01-01")),
    (p("Soltani", "Ali", "1999-01-01"), p("Soltani", "Ali", "2009-01-01")),
    (p("Kuznetsova", "Anastasia", "1988-10-10"), p("Kuznetsova", "Anna", "1988-10-10")),
    (p("Savchenko", "Halyna", "1959-08-30"), p("Savchenko", "Hanna", "1962-02-14")),
    (p("Wójcik", "Paweł", "1985-03-17"), p("Wójcik", "Piotr", "1985-03-17")),
    (p("Novák", "Jiří", "1990-12-01"), p("Novák", "Jana", "1991-12-01")),
    (p("Tahir", "Mohammed", "1991-05-05"), p("Tahir", "Mahmoud", "1991-08-20")),
    (p("Ahmed", "Abdullah", "2003-01-01"), p("Ahmed", "Abdulrahman", "2003-01-01")),
    (p("Ahmed", "Abdullah", "2003-01-01"), p("Ahmed", "Abdullah", "2005-01-01")),
    (p("Mohammed", "Omar", "1996-06-12"), p("Mohammed", "Omar", "1996-02-03")),
    (p("Ibrahimi", "Mariam", "2001"), p("Ibrahimi", "Marwa", "2001")),
    (p("Hasan", "Hüseyin", "1982-08-08"), p("Hasan", "Hasan", "1982-08-08")),
    (p("Krasniqi", "Arben", "1994-04-04"), p("Krasniqi", "Arber", "1994-04-04")),
    (p("Al-Khatib", "Rami", "1987-06-14"), p("Al-Khatib", "Rania", "1987-06-14")),
    (p("Hrytsenko", "Oleh", "1974-05-09"), p("Hrytsenko", "Olha", "1976-11-30")),
    (p("Ali", "Mohamed", "1990-01-01"), p("Ali", "Ahmed", "1990-01-01")),
    (p("Kaya", "Emre", "1999-09-19"), p("Kaya", "Emine", "1999-09-19")),
]

PAIRS: list[tuple[PersonKey, PersonKey, bool]] = [(a, b, True) for a, b in SAME] + [
    (a, b, False) for a, b in DIFFERENT
]
